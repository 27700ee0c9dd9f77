package dev.stockflow.deadletter;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which dead letters {@code dlq replay} sends back: the command line's filters, and the rule that a record only
 * ever goes back to one of the application's input topics (a header is data, not an address book).
 *
 * @param codes           the error codes to replay; empty: every code
 * @param sourceTopic     only dead letters of this source topic; null: every input topic
 * @param from            only dead letters whose timestamp is at or after this instant; null: no lower bound
 * @param to              only dead letters whose timestamp is before this instant; null: no upper bound
 * @param skipReplayed    leave out records that are themselves replays that failed again
 * @param inputTopics     the application's input topics, the only topics a dead letter is sent back to
 */
public record ReplayFilter(Set<RejectReason> codes, String sourceTopic, Instant from, Instant to,
                           boolean skipReplayed, Set<String> inputTopics) {

    public ReplayFilter {
        codes = codes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(codes));
        inputTopics = Set.copyOf(inputTopics);
    }

    /**
     * Why these options cannot be used together, or null when they can.
     */
    public String problem() {
        if (sourceTopic != null && !inputTopics.contains(sourceTopic)) {
            return "--source-topic " + sourceTopic + " is not an input topic of this application; the input topics are "
                    + String.join(", ", inputTopics.stream().sorted().toList());
        }
        if (from != null && to != null && !from.isBefore(to)) {
            return "--from (" + from + ") must be before --to (" + to + ")";
        }
        return null;
    }

    /** What to do with the dead letter: the filters first, then where it would go. */
    public ReplayDecision decide(final DeadLetter letter) {
        if (!matches(letter)) {
            return ReplayDecision.FILTERED_OUT;
        }
        if (letter.failedReplay() && skipReplayed) {
            return ReplayDecision.FAILED_REPLAY;
        }
        if (letter.sourceTopic() == null || !inputTopics.contains(letter.sourceTopic())) {
            return ReplayDecision.NO_INPUT_TOPIC;
        }
        return ReplayDecision.REPLAY;
    }

    private boolean matches(final DeadLetter letter) {
        return matchesCode(letter.code())
                && (sourceTopic == null || sourceTopic.equals(letter.sourceTopic()))
                && (from == null || letter.timestamp() >= from.toEpochMilli())
                && (to == null || letter.timestamp() < to.toEpochMilli());
    }

    private boolean matchesCode(final String code) {
        return codes.isEmpty() || RejectReason.ofCode(code).filter(codes::contains).isPresent();
    }
}
