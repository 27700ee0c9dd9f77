package dev.stockflow.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockflow.restore.PartitionProgress;
import dev.stockflow.restore.RestoreStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * The body of {@code /health/ready}: Kafka Streams' state, and while any store restores, how far it is, so that
 * whoever waits for an instance (a person, a rolling update) sees what it waits for:
 * <pre>{@code
 * {"status":"REBALANCING",
 *  "restoring":{"restoredRecords":120000,"remainingRecords":380000,"recordsPerSecond":95000,"etaSeconds":4,
 *               "partitions":[{"store":"offer-state","topicPartition":"stockflow-offer-state-changelog-0",
 *                              "restored":60000,"remaining":190000}, ...]}}
 * }</pre>
 * Without a restoration the body is {@code {"status":"<state>"}} alone. The counts and the partitions are those
 * of each store's current restoration: its partitions that started restoring since it last had none restoring,
 * those already restored included (remaining 0), so that a partition that finishes does not take its records out
 * of the totals. Remaining counts changelog offsets (an upper bound on the records); the rate is over the last
 * seconds; {@code recordsPerSecond} and {@code etaSeconds} are {@code null} while they cannot be measured.
 */
final class ReadinessJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ReadinessJson() {
    }

    static byte[] write(final String state, final RestoreStatus restore) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("status", state);
            if (restore.restoring()) {
                json.writeObjectFieldStart("restoring");
                writeRestoring(json, restore);
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeRestoring(final JsonGenerator json, final RestoreStatus restore) throws IOException {
        json.writeNumberField("restoredRecords", restore.restoredRecords());
        json.writeNumberField("remainingRecords", restore.remainingRecords());
        final double rate = restore.recordsPerSecond();
        if (Double.isNaN(rate)) {
            json.writeNullField("recordsPerSecond");
        } else {
            json.writeNumberField("recordsPerSecond", Math.round(rate));
        }
        final OptionalLong eta = restore.etaSeconds();
        if (eta.isPresent()) {
            json.writeNumberField("etaSeconds", eta.getAsLong());
        } else {
            json.writeNullField("etaSeconds");
        }
        json.writeArrayFieldStart("partitions");
        for (final PartitionProgress partition : restore.currentPartitions()) {
            json.writeStartObject();
            json.writeStringField("store", partition.store());
            json.writeStringField("topicPartition", partition.topicPartition());
            json.writeNumberField("restored", partition.restoredRecords());
            json.writeNumberField("remaining", partition.remainingRecords());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
