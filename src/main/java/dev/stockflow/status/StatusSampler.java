package dev.stockflow.status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples Stockflow's counters, the consumer lag and the restoration once a second on a daemon thread of its own,
 * keeps the last five minutes of samples in memory, and publishes a {@link StatusReport} computed from them:
 * rates are differences between samples (so a rate costs nothing to compute on the stream threads, which only
 * count), and latency percentiles come from the histogram's bucket counts added in the last minute. HTTP requests
 * read the latest report and never sample themselves, so any number of open status pages costs one sample a
 * second.
 */
public final class StatusSampler implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofSeconds(1);
    /** How far back the chart reaches. */
    public static final Duration HISTORY = Duration.ofMinutes(5);
    /** Long enough to smooth over commits and produce batches, short enough to follow a change at once. */
    public static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    public static final Duration LATENCY_WINDOW = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(StatusSampler.class);
    private static final double NANOS_PER_SECOND = 1e9;

    private final StatusSources sources;
    /** Oldest first; only touched under this object's lock. */
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "stockflow-status-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile StatusReport report;
    private boolean failedBefore;

    /** Takes a first sample now, so there is always a report. Call {@link #start()} to keep sampling. */
    public StatusSampler(final StatusSources sources) {
        this(sources, System.currentTimeMillis(), System.nanoTime());
    }

    /** Takes the first sample at the given time (see {@link #sample(long, long)}). */
    StatusSampler(final StatusSources sources, final long time, final long nanos) {
        this.sources = sources;
        sample(time, nanos);
    }

    /** Samples every {@link #INTERVAL} from now on, until {@link #close()}. */
    public StatusSampler start() {
        scheduler.scheduleAtFixedRate(this::sampleNow, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /** The figures as of the latest sample. */
    public StatusReport report() {
        return report;
    }

    private void sampleNow() {
        try {
            sample(System.currentTimeMillis(), System.nanoTime());
        } catch (final RuntimeException e) {
            // A failing source must not stop the sampling: the next second may succeed. Said loudly once.
            if (failedBefore) {
                LOG.debug("Sampling the status figures failed again", e);
            } else {
                LOG.warn("Sampling the status figures failed; the status page keeps the last figures", e);
            }
            failedBefore = true;
        }
    }

    /**
     * Takes one sample and publishes the report it completes.
     *
     * @param time  wall clock, epoch milliseconds: what the report and the chart show
     * @param nanos a monotonic clock ({@link System#nanoTime()}): what rates divide by
     */
    synchronized void sample(final long time, final long nanos) {
        final Totals totals = sources.totals().get();
        final List<PartitionLag> lag = sources.lag().get();
        final Sample previous = samples.peekLast();
        final HistoryPoint point = previous == null ? null : previous.pointTo(time, nanos, totals, lag);
        samples.addLast(new Sample(time, nanos, totals, lag, point));
        // The points of the samples kept cover the last HISTORY exactly.
        while (nanos - samples.peekFirst().nanos() >= HISTORY.toNanos()) {
            samples.removeFirst();
        }
        report = report(samples.peekLast());
    }

    private StatusReport report(final Sample latest) {
        final Sample rateStart = atLeastBefore(latest, RATE_WINDOW);
        final double rateSeconds = latest.secondsSince(rateStart);
        final Sample latencyStart = atLeastBefore(latest, LATENCY_WINDOW);
        final LatencyFigures latency = LatencyFigures.of(
                latest.totals().latency().since(latencyStart.totals().latency()), latest.secondsSince(latencyStart));
        final List<HistoryPoint> history = samples.stream().map(Sample::point).filter(Objects::nonNull).toList();
        return new StatusReport(sources.instance(), sources.state().get(), latest.time(), rateSeconds,
                Rates.between(rateStart.totals(), latest.totals(), rateSeconds), latest.totals(), latest.lag(),
                sources.restoration().figures(), latency, history);
    }

    /**
     * The newest sample about {@code window} older than {@code latest} (give or take half an interval, since a
     * scheduled sample may come a little early or late), else the oldest one kept.
     */
    private Sample atLeastBefore(final Sample latest, final Duration window) {
        final long span = window.toNanos() - INTERVAL.toNanos() / 2;
        final Iterator<Sample> newestFirst = samples.descendingIterator();
        while (newestFirst.hasNext()) {
            final Sample sample = newestFirst.next();
            if (latest.nanos() - sample.nanos() >= span) {
                return sample;
            }
        }
        return samples.peekFirst();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** One sample, with the chart's point for the interval that ended with it (null for the first). */
    private record Sample(long time, long nanos, Totals totals, List<PartitionLag> lag, HistoryPoint point) {

        double secondsSince(final Sample earlier) {
            return (nanos - earlier.nanos) / NANOS_PER_SECOND;
        }

        HistoryPoint pointTo(final long laterTime, final long laterNanos, final Totals later,
                             final List<PartitionLag> laterLag) {
            final Rates rates = Rates.between(totals, later, (laterNanos - nanos) / NANOS_PER_SECOND);
            return new HistoryPoint(laterTime, rates.events(), rates.snapshots(), rates.deadLetters(),
                    StatusReport.totalLag(laterLag));
        }
    }
}
