package dev.stockflow.bench.jmh;

import dev.stockflow.offer.Applied;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OfferState;
import dev.stockflow.offer.RuleSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Applying one event to a typical offer with the rules of {@link OfferState}: a re-push (unchanged), a
 * stock change, a price change (which also maintains the Omnibus history), and a duplicate. Every
 * operation brings a newer version, so the offer keeps moving forward as in production.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RulesBenchmark {

    private static final long DAY = Duration.ofDays(1).toMillis();

    private OfferState offer;
    private long clock;
    private long sequence;
    private OfferEvent.StockChange duplicate;

    @Setup
    public void buildOffer() {
        offer = HotPathFixtures.offer(5).state();
        clock = HotPathFixtures.T0 + 10 * DAY;
        duplicate = new OfferEvent.StockChange("evt-dup", "wh-lahr", 12, clock);
        offer.apply(duplicate, clock, RuleSettings.DEFAULTS);
    }

    @Benchmark
    public Applied repushUnchanged() {
        return apply(new OfferEvent.StockChange(nextId(), "wh-erfurt", 11, ++clock));
    }

    @Benchmark
    public Applied changeStock() {
        return apply(new OfferEvent.StockChange(nextId(), "wh-erfurt", (int) (sequence % 40), ++clock));
    }

    /** A day apart, so the 30-day window keeps the history at a steady size. */
    @Benchmark
    public Applied changePrice() {
        clock += DAY;
        final long regular = 4_999 + 100 * (sequence % 7);
        return apply(new OfferEvent.PriceChange(nextId(), "zalando-de", "EUR", regular, null, clock));
    }

    @Benchmark
    public Applied duplicate() {
        return offer.apply(duplicate, clock, RuleSettings.DEFAULTS);
    }

    private Applied apply(final OfferEvent event) {
        return offer.apply(event, clock, RuleSettings.DEFAULTS);
    }

    private String nextId() {
        return "evt-" + sequence++;
    }
}
