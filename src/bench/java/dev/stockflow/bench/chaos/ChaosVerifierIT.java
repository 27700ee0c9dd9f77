package dev.stockflow.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.offer.Input;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.reference.Emission;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.MergeExplainer;
import dev.stockflow.reference.ReferenceModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chaos suite's judgement on outputs made up here (no broker): what it counts as lost, duplicated and
 * wrong, and which runs pass under exactly-once and under the at-least-once control.
 */
class ChaosVerifierIT {

    private static final String KEY = "partner-1:SKU-1";
    private static final long T = 1_700_000_000_000L;

    private final ChaosVerifier verifier = new ChaosVerifier(100_000);

    @Test
    void shouldPassTheRecordsOfOneRun() {
        // Given
        final List<Emission> records = run();

        // When
        final Verification check = verifier.verify(output(records, 0));

        // Then
        assertThat(check.exactlyOncePassed()).isTrue();
        assertThat(check.explained()).isEqualTo(1);
        assertThat(check.snapshotsChecked()).isEqualTo(records.size());
        assertThat(check.lost() + check.duplicated() + check.wrong() + check.finalWrong()).isZero();
    }

    @Test
    void shouldCountARecordWrittenAgainAsDuplicatedAndFailExactlyOnceOnly() {
        // Given: records 1 and 2 written again after a crash, as at-least-once does
        final List<Emission> records = new ArrayList<>(run());
        records.addAll(3, records.subList(1, 3));

        // When
        final Verification check = verifier.verify(output(records, 0));

        // Then
        assertThat(check.unexplained()).isEqualTo(1);
        assertThat(check.duplicated()).isEqualTo(2);
        assertThat(check.lost()).isZero();
        assertThat(check.wrong()).isZero();
        assertThat(check.exactlyOncePassed()).isFalse();
        assertThat(check.finalValuesPassed()).isTrue();
    }

    @Test
    void shouldCountALostRecordAndFail() {
        // Given: the snapshot with the price lost
        final List<Emission> records = new ArrayList<>(run());
        records.remove(1);

        // When
        final Verification check = verifier.verify(output(records, 0));

        // Then
        assertThat(check.unexplained()).isEqualTo(1);
        assertThat(check.lost()).isEqualTo(1);
        assertThat(check.exactlyOncePassed()).isFalse();
        assertThat(check.examples()).singleElement().asString().contains(KEY).contains("UNEXPLAINED");
    }

    /** The blind spot docs/reliability.md names: records another merge writes exactly are right. */
    @Test
    void shouldNotSeeALossThatAnotherMergeWritesExactly() {
        // Given: the snapshot of the second stock update lost; a merge that takes the delisting first makes
        // that update stale, and then writes just the records left
        final List<Emission> records = new ArrayList<>(run());
        records.remove(2);

        // When
        final Verification check = verifier.verify(output(records, 0));

        // Then
        assertThat(check.exactlyOncePassed()).isTrue();
    }

    @Test
    void shouldFailOnAWrongFinalSnapshotEvenUnderAtLeastOnce() {
        // Given: the last record lost, so the topic shows an older state as final
        final List<Emission> records = new ArrayList<>(run());
        records.remove(records.size() - 1);

        // When
        final Verification check = verifier.verify(output(records, 0));

        // Then
        assertThat(check.finalWrong()).isEqualTo(1);
        assertThat(check.finalValuesWrong()).isEqualTo(1);
        assertThat(check.finalValuesPassed()).isFalse();
    }

    @Test
    void shouldFailOnDeadLetters() {
        // When
        final Verification check = verifier.verify(output(run(), 1));

        // Then
        assertThat(check.deadLetters()).isEqualTo(1);
        assertThat(check.exactlyOncePassed()).isFalse();
        assertThat(check.finalValuesPassed()).isFalse();
    }

    /** The offer's events per input partition: stock, price, delisting. */
    private static List<List<MergeExplainer.Arrival>> sources() {
        return List.of(
                List.of(arrival(new OfferEvent.StockChange("s1", "wh-1", 5, T)),
                        arrival(new OfferEvent.StockChange("s2", "wh-1", 7, T + 2)),
                        arrival(new OfferEvent.StockChange("s3", "wh-2", 1, T + 4))),
                List.of(arrival(new OfferEvent.PriceChange("p1", "web", "EUR", 1000, null, T + 1)),
                        arrival(new OfferEvent.PriceChange("p1", "web", "EUR", 1000, null, T + 1))),
                List.of(arrival(new OfferEvent.Delisting("d1", T + 3))));
    }

    /** What the model writes in Kafka Streams' order (lowest timestamp first). */
    private static List<Emission> run() {
        final ReferenceModel model = new ReferenceModel(RuleSettings.DEFAULTS);
        final List<MergeExplainer.Arrival> all = new ArrayList<>();
        sources().forEach(all::addAll);
        all.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        all.forEach(arrival -> model.deliver(arrival.record()));
        return model.emissions();
    }

    private static ChaosOutput output(final List<Emission> records, final long deadLetters) {
        final Map<Input, Long> counts = new EnumMap<>(Input.class);
        counts.put(Input.STOCK, 3L);
        counts.put(Input.PRICE, 2L);
        counts.put(Input.DELISTING, 1L);
        return new ChaosOutput(Map.of(KEY, sources()), Map.of(KEY, records), counts, 0, deadLetters);
    }

    private static MergeExplainer.Arrival arrival(final OfferEvent event) {
        return new MergeExplainer.Arrival(new KeyedEvent(KEY, event), event.occurredAt());
    }
}
