package dev.stockflow.topology;

import dev.stockflow.deadletter.DeadLetterHeaders;
import dev.stockflow.deadletter.RejectReason;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.Quoted;
import dev.stockflow.serde.UndecodableException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes one input topic's records and checks them; valid ones go on as {@link OfferEvent}s to the
 * offer processor, bad ones go to the dead-letter topic unchanged (original key and value bytes) with
 * headers that say what was wrong and where the record came from.
 */
final class InputValidationProcessor<T extends SpecificRecord> implements Processor<Bytes, byte[], Bytes, Object> {

    private final InputFormat<T> format;
    private final long maxFutureSkewMs;
    private final ProcessingListener listener;
    private ProcessorContext<Bytes, Object> context;

    InputValidationProcessor(final InputFormat<T> format, final long maxFutureSkewMs,
                             final ProcessingListener listener) {
        this.format = format;
        this.maxFutureSkewMs = maxFutureSkewMs;
        this.listener = listener;
    }

    @Override
    public void init(final ProcessorContext<Bytes, Object> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<Bytes, byte[]> record) {
        final T decoded = decodeOrReject(record);
        if (decoded == null) {
            return;
        }
        final String violation = format.violation(decoded);
        if (violation != null) {
            reject(record, RejectReason.INVALID, violation);
            return;
        }
        final String offerKey = format.offerKey(decoded);
        if (record.key() == null || !Arrays.equals(record.key().get(), offerKey.getBytes(StandardCharsets.UTF_8))) {
            reject(record, RejectReason.KEY_MISMATCH, "the key " + describeKey(record.key())
                    + " is not the offer key " + Quoted.of(offerKey));
            return;
        }
        final OfferEvent event = format.toEvent(decoded);
        if (event.occurredAt() > latestAllowedOccurredAt()) {
            reject(record, RejectReason.FUTURE_TIMESTAMP, "occurredAt " + event.occurredAt()
                    + " is more than " + maxFutureSkewMs + " ms ahead of the wall clock");
            return;
        }
        context.forward(record.withValue(event), OfferTopology.APPLY_NODE);
    }

    /** The record's value decoded; null when it is empty or cannot be decoded, and then dead-lettered. */
    private T decodeOrReject(final Record<Bytes, byte[]> record) {
        final byte[] value = record.value();
        if (value == null || value.length == 0) {
            reject(record, RejectReason.EMPTY, value == null ? "the value is null" : "the value is empty");
            return null;
        }
        try {
            return format.decode(value);
        } catch (final UndecodableException e) {
            reject(record, RejectReason.UNDECODABLE, e.getMessage());
            return null;
        }
    }

    private long latestAllowedOccurredAt() {
        final long now = context.currentSystemTimeMs();
        return now > Long.MAX_VALUE - maxFutureSkewMs ? Long.MAX_VALUE : now + maxFutureSkewMs;
    }

    private void reject(final Record<Bytes, byte[]> record, final RejectReason reason, final String message) {
        listener.countRejected(format.input(), reason, record.headers());
        final Headers headers = new RecordHeaders(record.headers().toArray());
        DeadLetterHeaders.write(headers, reason, message, context.recordMetadata().orElse(null));
        context.forward(new Record<Bytes, Object>(record.key(), record.value(), record.timestamp(), headers),
                OfferTopology.DLQ_SINK);
    }

    private static String describeKey(final Bytes key) {
        return key == null ? "null" : Quoted.of(new String(key.get(), StandardCharsets.UTF_8));
    }
}
