package dev.stockflow.deadletter;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of a {@code dlq replay}: per error code, records replayed and skipped, and per decision, so the summary
 * can say why records were skipped. Not thread-safe; a run counts on one thread.
 */
public final class ReplayTally {

    /** The row of dead letters that have no error code header. */
    public static final String NO_CODE = "(none)";

    private final Map<String, long[]> byCode = new LinkedHashMap<>();
    private final Map<ReplayDecision, Long> byDecision = new EnumMap<>(ReplayDecision.class);
    private long replayedAgain;

    public ReplayTally() {
        for (final RejectReason reason : RejectReason.values()) {
            byCode.put(reason.code(), new long[2]);
        }
    }

    public void count(final DeadLetter letter, final ReplayDecision decision) {
        final long[] counts = byCode.computeIfAbsent(letter.code() == null ? NO_CODE : letter.code(),
                ignored -> new long[2]);
        counts[decision == ReplayDecision.REPLAY ? 0 : 1]++;
        byDecision.merge(decision, 1L, Long::sum);
        if (decision == ReplayDecision.REPLAY && letter.failedReplay()) {
            replayedAgain++;
        }
    }

    /** Adds another tally's counts to this one (a batch, once its transaction committed). */
    public void add(final ReplayTally other) {
        other.byCode.forEach((code, counts) -> {
            final long[] mine = byCode.computeIfAbsent(code, ignored -> new long[2]);
            mine[0] += counts[0];
            mine[1] += counts[1];
        });
        other.byDecision.forEach((decision, count) -> byDecision.merge(decision, count, Long::sum));
        replayedAgain += other.replayedAgain;
    }

    /**
     * The error codes in a stable order: Stockflow's codes as {@link RejectReason} lists them (always, even at
     * zero, so the summary has the same shape every time), then any other code seen, alphabetically.
     */
    public List<String> codes() {
        return byCode.keySet().stream()
                .sorted(Comparator.comparing((String code) -> RejectReason.ofCode(code).isEmpty())
                        .thenComparing(code -> RejectReason.ofCode(code).map(Enum::ordinal).orElse(0))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    public long replayed(final String code) {
        return byCode.getOrDefault(code, new long[2])[0];
    }

    public long skipped(final String code) {
        return byCode.getOrDefault(code, new long[2])[1];
    }

    public long replayed() {
        return count(ReplayDecision.REPLAY);
    }

    public long skipped() {
        return byDecision.values().stream().mapToLong(Long::longValue).sum() - replayed();
    }

    /** Of the records replayed, those that were replays that had failed before (they carry a replay mark). */
    public long replayedAgain() {
        return replayedAgain;
    }

    public long count(final ReplayDecision decision) {
        return byDecision.getOrDefault(decision, 0L);
    }
}
