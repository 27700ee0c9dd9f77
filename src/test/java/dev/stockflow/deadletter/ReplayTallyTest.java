package dev.stockflow.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayTallyTest {

    @Test
    void shouldCountReplayedAndSkippedPerCodeAndSkipsPerReason() {
        // Given
        final ReplayTally tally = new ReplayTally();

        // When
        tally.count(letter("undecodable"), ReplayDecision.REPLAY);
        tally.count(letter("undecodable"), ReplayDecision.REPLAY);
        tally.count(letter("undecodable"), ReplayDecision.FAILED_REPLAY);
        tally.count(letter("invalid"), ReplayDecision.FILTERED_OUT);
        tally.count(letter(null), ReplayDecision.NO_INPUT_TOPIC);

        // Then
        assertThat(tally.replayed("undecodable")).isEqualTo(2);
        assertThat(tally.skipped("undecodable")).isEqualTo(1);
        assertThat(tally.skipped("invalid")).isEqualTo(1);
        assertThat(tally.skipped(ReplayTally.NO_CODE)).isEqualTo(1);
        assertThat(tally.replayed()).isEqualTo(2);
        assertThat(tally.skipped()).isEqualTo(3);
        assertThat(tally.count(ReplayDecision.FILTERED_OUT)).isEqualTo(1);
        assertThat(tally.count(ReplayDecision.FAILED_REPLAY)).isEqualTo(1);
        assertThat(tally.count(ReplayDecision.NO_INPUT_TOPIC)).isEqualTo(1);
    }

    @Test
    void shouldCountReplaysOfFailedReplays() {
        // Given
        final ReplayTally tally = new ReplayTally();

        // When
        tally.count(DeadLetter.of(DeadLetterRecords.failedReplay(3, "undecodable")), ReplayDecision.REPLAY);
        tally.count(DeadLetter.of(DeadLetterRecords.failedReplay(4, "undecodable")), ReplayDecision.FAILED_REPLAY);
        tally.count(letter("undecodable"), ReplayDecision.REPLAY);

        // Then
        assertThat(tally.replayedAgain()).isEqualTo(1);
        assertThat(tally.replayed()).isEqualTo(2);
    }

    @Test
    void shouldListStockflowsCodesFirstThenOthersAlphabetically() {
        // Given
        final ReplayTally tally = new ReplayTally();
        tally.count(letter("zeta"), ReplayDecision.REPLAY);
        tally.count(letter(null), ReplayDecision.REPLAY);
        tally.count(letter("alpha"), ReplayDecision.REPLAY);

        // When / Then
        assertThat(tally.codes()).containsExactly("empty", "undecodable", "invalid", "key-mismatch",
                "future-timestamp", ReplayTally.NO_CODE, "alpha", "zeta");
    }

    @Test
    void shouldAddABatch() {
        // Given
        final ReplayTally total = new ReplayTally();
        final ReplayTally batch = new ReplayTally();
        total.count(letter("empty"), ReplayDecision.REPLAY);
        batch.count(letter("empty"), ReplayDecision.REPLAY);
        batch.count(letter("other"), ReplayDecision.FILTERED_OUT);

        // When
        total.add(batch);

        // Then
        assertThat(total.replayed("empty")).isEqualTo(2);
        assertThat(total.skipped("other")).isEqualTo(1);
        assertThat(total.count(ReplayDecision.FILTERED_OUT)).isEqualTo(1);
        assertThat(batch.replayed("empty")).isEqualTo(1);
    }

    private static DeadLetter letter(final String code) {
        return new DeadLetter("stockflow-dlq", 0, 1, 1, code, "stock-updates", 0, false);
    }
}
