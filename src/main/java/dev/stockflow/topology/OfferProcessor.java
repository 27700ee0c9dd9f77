package dev.stockflow.topology;

import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies validated events to their offer's state: one store read and at most one store write per
 * event, and a snapshot (or tombstone) only when the offer's observable state changed.
 *
 * <p>No-op suppression is safe under at-least-once too: see {@link StoredOffer} for how a redelivered
 * change after a crash is recognised and its snapshot emitted again.
 */
final class OfferProcessor implements Processor<Bytes, OfferEvent, Bytes, byte[]> {

    private final TopologySettings settings;
    private final SnapshotEncoder snapshots;
    private final ProcessingListener listener;
    private ProcessorContext<Bytes, byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;
    private DelistingSweeper sweeper;

    OfferProcessor(final TopologySettings settings, final SnapshotEncoder snapshots, final ProcessingListener listener) {
        this.settings = settings;
        this.snapshots = snapshots;
        this.listener = listener;
    }

    @Override
    public void init(final ProcessorContext<Bytes, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(OfferTopology.STORE_NAME);
        this.sweeper = new DelistingSweeper(store, settings.rules(), settings.sweepBatch());
        context.schedule(Duration.ofMillis(settings.sweepIntervalMs()), PunctuationType.WALL_CLOCK_TIME,
                ignored -> sweeper.sweep(context.currentStreamTimeMs()));
    }

    @Override
    public void process(final Record<Bytes, OfferEvent> record) {
        final Bytes key = record.key();
        final Input input = inputOf(record.value());
        final long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        final StoredOffer stored = read(key);
        final boolean replay = stored.isReplay(input.index(), offset);
        final OfferState state = stored.state();

        final Applied applied = state.apply(record.value(), context.currentStreamTimeMs(), settings.rules());
        listener.onOutcome(input, applied.outcome());
        if (applied.stateChanged()) {
            stored.markApplied(input.index(), offset);
            if (state.isEmpty()) {
                store.delete(key);
            } else {
                store.put(key, StoredOfferCodec.encode(stored));
            }
        }
        final Applied.Emission emission = replay && applied.emission() == Applied.Emission.NONE
                ? state.lastEmission() // re-send what this record may have caused before a crash
                : applied.emission();
        emit(record, state, emission);
    }

    private StoredOffer read(final Bytes key) {
        final byte[] bytes = store.get(key);
        return bytes == null ? new StoredOffer() : StoredOfferCodec.decode(bytes);
    }

    private void emit(final Record<Bytes, OfferEvent> record, final OfferState state, final Applied.Emission emission) {
        if (emission == Applied.Emission.SNAPSHOT) {
            // Snapshots are derived records: the input's headers (tracing, producer metadata) do not apply.
            context.forward(record.withValue(snapshots.encode(record.key().get(), state))
                    .withHeaders(new RecordHeaders()));
            listener.onSnapshot(context.currentSystemTimeMs() - record.timestamp());
        } else if (emission == Applied.Emission.TOMBSTONE) {
            context.forward(record.<byte[]>withValue(null).withHeaders(new RecordHeaders()));
            listener.onTombstone();
        }
    }

    private static Input inputOf(final OfferEvent event) {
        if (event instanceof OfferEvent.StockChange) {
            return Input.STOCK;
        }
        return event instanceof OfferEvent.PriceChange ? Input.PRICE : Input.DELISTING;
    }
}
