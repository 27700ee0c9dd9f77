package dev.stockflow.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockflow.status.HistoryPoint;
import dev.stockflow.status.LatencyFigures;
import dev.stockflow.status.PartitionLag;
import dev.stockflow.status.Rates;
import dev.stockflow.status.RestorationFigures;
import dev.stockflow.status.StatusReport;
import dev.stockflow.status.StatusSampler;
import dev.stockflow.status.Totals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The answer of {@code GET /status}: the status page's figures for scripts (README, HTTP API, lists the fields).
 * Rates are per second with three decimals; a figure that is not known (a percentile without snapshots, a
 * restore rate not measured yet, restoration nobody tracks) is {@code null}, never 0.
 */
public final class StatusJson {

    private static final JsonFactory JSON = new JsonFactory();

    private StatusJson() {
    }

    public static byte[] write(final StatusReport report) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + report.history().size() * 96);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("instance", report.instance());
            json.writeStringField("state", report.state());
            json.writeNumberField("time", report.time());
            writeRates(json, report.rateWindowSeconds(), report.rates());
            writeTotals(json, report.totals());
            writeLag(json, report);
            writeRestoration(json, report);
            writeLatency(json, report.latency());
            writeHistory(json, report);
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeRates(final JsonGenerator json, final double windowSeconds, final Rates rates)
            throws IOException {
        json.writeObjectFieldStart("rates");
        writeDecimal(json, "windowSeconds", windowSeconds);
        writeDecimal(json, "events", rates.events());
        writeDecimals(json, "eventsByOutcome", rates.eventsByOutcome());
        writeDecimal(json, "orderEvents", rates.orderEvents());
        writeDecimals(json, "orderEventsByOutcome", rates.orderEventsByOutcome());
        writeDecimal(json, "snapshots", rates.snapshots());
        writeDecimal(json, "tombstones", rates.tombstones());
        writeDecimal(json, "deadLetters", rates.deadLetters());
        writeDecimals(json, "deadLettersByCode", rates.deadLettersByCode());
        json.writeEndObject();
    }

    private static void writeTotals(final JsonGenerator json, final Totals totals) throws IOException {
        json.writeObjectFieldStart("totals");
        json.writeNumberField("events", totals.events());
        writeCounts(json, "eventsByOutcome", totals.eventsByOutcome());
        json.writeNumberField("orderEvents", totals.orderEvents());
        writeCounts(json, "orderEventsByOutcome", totals.orderEventsByOutcome());
        json.writeNumberField("snapshots", totals.snapshots());
        json.writeNumberField("tombstones", totals.tombstones());
        json.writeNumberField("deadLetters", totals.deadLetters());
        writeCounts(json, "deadLettersByCode", totals.deadLettersByCode());
        json.writeEndObject();
    }

    private static void writeLag(final JsonGenerator json, final StatusReport report) throws IOException {
        json.writeObjectFieldStart("lag");
        json.writeNumberField("total", report.totalLag());
        json.writeArrayFieldStart("partitions");
        for (final PartitionLag partition : report.lag()) {
            json.writeStartObject();
            json.writeStringField("topic", partition.topic());
            json.writeNumberField("partition", partition.partition());
            json.writeNumberField("lag", partition.lag());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeRestoration(final JsonGenerator json, final StatusReport report) throws IOException {
        if (report.restoration().isEmpty()) {
            json.writeNullField("restoration");
            return;
        }
        final RestorationFigures restoration = report.restoration().get();
        json.writeObjectFieldStart("restoration");
        json.writeBooleanField("restoring", restoration.restoring());
        json.writeNumberField("partitions", restoration.partitions());
        json.writeNumberField("restoredRecords", restoration.restoredRecords());
        json.writeNumberField("remainingRecords", restoration.remainingRecords());
        writeDecimal(json, "recordsPerSecond", restoration.recordsPerSecond());
        if (restoration.etaSeconds().isPresent()) {
            json.writeNumberField("etaSeconds", restoration.etaSeconds().getAsLong());
        } else {
            json.writeNullField("etaSeconds");
        }
        json.writeEndObject();
    }

    private static void writeLatency(final JsonGenerator json, final LatencyFigures latency) throws IOException {
        json.writeObjectFieldStart("latency");
        writeDecimal(json, "windowSeconds", latency.windowSeconds());
        json.writeNumberField("snapshots", latency.snapshots());
        writeDecimal(json, "p50Ms", latency.p50Ms());
        writeDecimal(json, "p90Ms", latency.p90Ms());
        writeDecimal(json, "p99Ms", latency.p99Ms());
        json.writeEndObject();
    }

    private static void writeHistory(final JsonGenerator json, final StatusReport report) throws IOException {
        json.writeObjectFieldStart("history");
        json.writeNumberField("intervalSeconds", StatusSampler.INTERVAL.toSeconds());
        json.writeArrayFieldStart("points");
        for (final HistoryPoint point : report.history()) {
            json.writeStartObject();
            json.writeNumberField("time", point.time());
            writeDecimal(json, "events", point.events());
            writeDecimal(json, "snapshots", point.snapshots());
            writeDecimal(json, "deadLetters", point.deadLetters());
            json.writeNumberField("lag", point.lag());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeCounts(final JsonGenerator json, final String field, final Map<String, Long> counts)
            throws IOException {
        json.writeObjectFieldStart(field);
        for (final Map.Entry<String, Long> count : counts.entrySet()) {
            json.writeNumberField(count.getKey(), count.getValue());
        }
        json.writeEndObject();
    }

    private static void writeDecimals(final JsonGenerator json, final String field, final Map<String, Double> values)
            throws IOException {
        json.writeObjectFieldStart(field);
        for (final Map.Entry<String, Double> value : values.entrySet()) {
            writeDecimal(json, value.getKey(), value.getValue());
        }
        json.writeEndObject();
    }

    /** Three decimals are plenty for a rate or a latency, and keep the history small; NaN is not JSON: null. */
    private static void writeDecimal(final JsonGenerator json, final String field, final double value)
            throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(field, Math.round(value * 1000) / 1000.0);
        } else {
            json.writeNullField(field);
        }
    }
}
