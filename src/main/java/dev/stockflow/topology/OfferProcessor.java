package dev.stockflow.topology;

import dev.stockflow.deadletter.ReplayHeaders;
import dev.stockflow.offer.Applied;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.Outcome;
import dev.stockflow.offer.SnapshotView;
import dev.stockflow.serde.SnapshotEncoder;
import dev.stockflow.state.ByteWriter;
import dev.stockflow.state.RetentionSweeper;
import dev.stockflow.state.OfferStore;
import dev.stockflow.state.StoredOffer;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Applies validated events to their offer's state: one store read and at most one store write per
 * event ({@link OfferStore} caches decoded offers and writes them back before each commit), and a
 * snapshot (or tombstone) only when the offer's observable state changed.
 *
 * <p>No-op suppression is safe under at-least-once too: see {@link StoredOffer} for how a redelivered
 * change after a crash is recognised and its snapshot emitted again.
 */
final class OfferProcessor implements Processor<Bytes, OfferEvent, Bytes, byte[]> {

    private final TopologySettings settings;
    private final SnapshotEncoder snapshots;
    private final ProcessingListener listener;
    private ProcessorContext<Bytes, byte[]> context;
    private OfferStore store;
    private RetentionSweeper sweeper;
    private final ByteWriter snapshotScratch = new ByteWriter(512);
    /** Reused for every snapshot this processor writes (a processor runs on one thread). */
    private final SnapshotView snapshotView;

    OfferProcessor(final TopologySettings settings, final SnapshotEncoder snapshots,
                   final ProcessingListener listener) {
        this.settings = settings;
        this.snapshots = snapshots;
        this.listener = listener;
        this.snapshotView = new SnapshotView(settings.rules());
    }

    @Override
    public void init(final ProcessorContext<Bytes, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(OfferTopology.STORE_NAME);
        this.sweeper = new RetentionSweeper(store, settings.rules(), settings.sweepBatch());
        context.schedule(Duration.ofMillis(settings.sweepIntervalMs()), PunctuationType.WALL_CLOCK_TIME,
                ignored -> sweeper.sweep(context.currentStreamTimeMs()));
    }

    @Override
    public void process(final Record<Bytes, OfferEvent> record) {
        final Bytes key = record.key();
        final Input input = record.value().input();
        final long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        final StoredOffer stored = store.read(key); // a copy: a failure before the write leaves the store as it was
        final boolean replay = stored.isReplay(input, offset);
        final OfferState state = stored.state();

        final Applied applied = state.apply(record.value(), context.currentStreamTimeMs(), settings.rules());
        final Applied.Emission emission = replay && applied.emission() == Applied.Emission.NONE
                ? state.lastEmission() // re-send what this record may have caused before a crash
                : applied.emission();
        // Encoded before the write, so a snapshot that cannot be built fails the record with the store untouched.
        final byte[] snapshot = emission == Applied.Emission.SNAPSHOT
                ? snapshots.encode(snapshotView.show(key.get(), state), snapshotScratch) : null;
        count(record, input, applied.outcome());
        if (applied.stateChanged()) {
            stored.markApplied(input, offset);
            store.write(key, stored);
        }
        emit(record, emission, snapshot);
    }

    private void count(final Record<Bytes, OfferEvent> record, final Input input, final Outcome outcome) {
        listener.onOutcome(input, outcome);
        if (ReplayHeaders.isReplay(record.headers())) {
            listener.onReplayOutcome(input, outcome);
        }
    }

    private void emit(final Record<Bytes, OfferEvent> record, final Applied.Emission emission, final byte[] snapshot) {
        if (emission == Applied.Emission.SNAPSHOT) {
            // Snapshots are derived records: the input's headers (tracing, producer metadata) do not apply.
            context.forward(record.withValue(snapshot).withHeaders(new RecordHeaders()));
            listener.onSnapshot(context.currentSystemTimeMs() - record.timestamp());
        } else if (emission == Applied.Emission.TOMBSTONE) {
            context.forward(record.<byte[]>withValue(null).withHeaders(new RecordHeaders()));
            listener.onTombstone();
        }
    }
}
