package dev.stockflow.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {

    private static final Set<String> INPUTS = Set.of("stock-updates", "price-updates", "offer-delistings");
    private static final Instant FROM = Instant.ofEpochMilli(1_000);
    private static final Instant TO = Instant.ofEpochMilli(2_000);

    @Test
    void shouldReplayEveryDeadLetterOfAnInputTopicWithoutFilters() {
        // Given
        final ReplayFilter filter = new ReplayFilter(Set.of(), null, null, null, false, INPUTS);

        // When / Then
        assertThat(filter.decide(letter(1_500, "undecodable", "stock-updates"))).isEqualTo(ReplayDecision.REPLAY);
        assertThat(filter.decide(letter(1_500, null, "price-updates"))).isEqualTo(ReplayDecision.REPLAY);
        assertThat(filter.decide(letter(1_500, "made-up", "offer-delistings"))).isEqualTo(ReplayDecision.REPLAY);
    }

    @Test
    void shouldKeepOnlyTheGivenCodes() {
        // Given
        final ReplayFilter filter = new ReplayFilter(Set.of(RejectReason.UNDECODABLE, RejectReason.FUTURE_TIMESTAMP),
                null, null, null, false, INPUTS);

        // When / Then
        assertThat(filter.decide(letter(1_500, "undecodable", "stock-updates"))).isEqualTo(ReplayDecision.REPLAY);
        assertThat(filter.decide(letter(1_500, "future-timestamp", "stock-updates")))
                .isEqualTo(ReplayDecision.REPLAY);
        assertThat(filter.decide(letter(1_500, "invalid", "stock-updates"))).isEqualTo(ReplayDecision.FILTERED_OUT);
        assertThat(filter.decide(letter(1_500, null, "stock-updates"))).isEqualTo(ReplayDecision.FILTERED_OUT);
    }

    @Test
    void shouldKeepOnlyTheSourceTopic() {
        // Given
        final ReplayFilter filter = new ReplayFilter(Set.of(), "price-updates", null, null, false, INPUTS);

        // When / Then
        assertThat(filter.decide(letter(1_500, "invalid", "price-updates"))).isEqualTo(ReplayDecision.REPLAY);
        assertThat(filter.decide(letter(1_500, "invalid", "stock-updates"))).isEqualTo(ReplayDecision.FILTERED_OUT);
    }

    @Test
    void shouldCompareTheTimestampFromInclusiveToExclusive() {
        // Given
        final ReplayFilter filter = new ReplayFilter(Set.of(), null, FROM, TO, false, INPUTS);

        // When / Then
        assertThat(filter.decide(letter(999, "invalid", "stock-updates"))).isEqualTo(ReplayDecision.FILTERED_OUT);
        assertThat(filter.decide(letter(1_000, "invalid", "stock-updates"))).isEqualTo(ReplayDecision.REPLAY);
        assertThat(filter.decide(letter(1_999, "invalid", "stock-updates"))).isEqualTo(ReplayDecision.REPLAY);
        assertThat(filter.decide(letter(2_000, "invalid", "stock-updates"))).isEqualTo(ReplayDecision.FILTERED_OUT);
    }

    @Test
    void shouldReplayFailedReplaysUnlessAskedToSkipThem() {
        // Given
        final DeadLetter failedReplay = DeadLetter.of(DeadLetterRecords.failedReplay(9, "invalid"));

        // When / Then
        assertThat(new ReplayFilter(Set.of(), null, null, null, false, INPUTS).decide(failedReplay))
                .isEqualTo(ReplayDecision.REPLAY);
        assertThat(new ReplayFilter(Set.of(), null, null, null, true, INPUTS).decide(failedReplay))
                .isEqualTo(ReplayDecision.FAILED_REPLAY);
        assertThat(new ReplayFilter(Set.of(RejectReason.EMPTY), null, null, null, true, INPUTS).decide(failedReplay))
                .as("the filters come first").isEqualTo(ReplayDecision.FILTERED_OUT);
    }

    @Test
    void shouldSendNothingToATopicThatIsNotAnInput() {
        // Given
        final ReplayFilter filter = new ReplayFilter(Set.of(), null, null, null, false, INPUTS);

        // When / Then
        assertThat(filter.decide(letter(1_500, "invalid", "offer-snapshots"))).isEqualTo(ReplayDecision.NO_INPUT_TOPIC);
        assertThat(filter.decide(letter(1_500, "invalid", null))).isEqualTo(ReplayDecision.NO_INPUT_TOPIC);
    }

    @Test
    void shouldNameWhatIsWrongWithTheOptions() {
        // When / Then
        assertThat(new ReplayFilter(Set.of(), null, FROM, TO, false, INPUTS).problem()).isNull();
        assertThat(new ReplayFilter(Set.of(), "orders", null, null, false, INPUTS).problem())
                .isEqualTo("--source-topic orders is not an input topic of this application; the input topics are "
                        + "offer-delistings, price-updates, stock-updates");
        assertThat(new ReplayFilter(Set.of(), null, TO, FROM, false, INPUTS).problem())
                .isEqualTo("--from (1970-01-01T00:00:02Z) must be before --to (1970-01-01T00:00:01Z)");
        assertThat(new ReplayFilter(Set.of(), null, FROM, FROM, false, INPUTS).problem()).contains("must be before");
    }

    private static DeadLetter letter(final long timestamp, final String code, final String sourceTopic) {
        return DeadLetter.of(DeadLetterRecords.deadLetter(5, timestamp, code, sourceTopic));
    }
}
