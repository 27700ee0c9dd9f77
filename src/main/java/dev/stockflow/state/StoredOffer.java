package dev.stockflow.state;

import dev.stockflow.offer.Input;
import dev.stockflow.offer.OfferState;
import java.util.Arrays;

/**
 * What the state store holds per offer: the offer's state plus, per input topic, the highest input
 * offset whose effect is in that state.
 *
 * <p>The offsets guard against the KIP-557 trap of no-op suppression under at-least-once. The store
 * (local RocksDB or its changelog) can get ahead of the committed input offsets when the process
 * dies after writing state but before committing; the redelivered records then look like duplicates
 * and, naively, would be dropped although the snapshot they caused may never have reached the output
 * topic. A record at or below the remembered offset of its topic is recognised as such a replay, and
 * the processor emits the offer's last output again instead of suppressing it. Under exactly-once the
 * state, the output and the input offsets commit atomically and replays never reach the store.
 */
public final class StoredOffer {

    /** How many applied offsets there are: one per input, at its {@link Input#stateIndex()}. */
    static final int INPUTS = Input.values().length;

    private final OfferState state;
    private final long[] appliedOffsets;

    public StoredOffer() {
        this(new OfferState(), noneApplied());
    }

    public StoredOffer(final OfferState state, final long[] appliedOffsets) {
        this.state = state;
        this.appliedOffsets = appliedOffsets;
    }

    /** An independent copy: changing it leaves this one as it is. */
    public StoredOffer copy() {
        return new StoredOffer(state.copy(), appliedOffsets.clone());
    }

    public OfferState state() {
        return state;
    }

    public long appliedOffset(final Input input) {
        return appliedOffsets[input.stateIndex()];
    }

    /** The applied offset at a state index, for the codec, which writes them in index order. */
    long appliedOffsetAt(final int stateIndex) {
        return appliedOffsets[stateIndex];
    }

    /** True when the record at this input offset has already been applied to this state. */
    public boolean isReplay(final Input input, final long offset) {
        return offset >= 0 && offset <= appliedOffsets[input.stateIndex()];
    }

    /** Remembers that the record at this input offset is part of the state about to be stored. */
    public void markApplied(final Input input, final long offset) {
        final int index = input.stateIndex();
        appliedOffsets[index] = Math.max(appliedOffsets[index], offset);
    }

    private static long[] noneApplied() {
        final long[] offsets = new long[INPUTS];
        Arrays.fill(offsets, -1L);
        return offsets;
    }
}
