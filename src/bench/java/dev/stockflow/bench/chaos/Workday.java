package dev.stockflow.bench.chaos;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every chaos run begins and ends, whatever happens in between: preload, the paced producer, the
 * instances started and processing; at the end the rest of the input produced, all of it processed, and
 * the instances stopped cleanly, so that the checker reads a finished output.
 */
final class Workday {

    private static final Logger LOG = LoggerFactory.getLogger(Workday.class);
    /** Beyond the time the rest of the input takes at the set rate. */
    private static final Duration PRODUCE_SLACK = Duration.ofMinutes(2);

    private Workday() {
    }

    /** Preloads, starts the paced producer, then the instances, and returns once they process. */
    static void begin(final ChaosLab lab, final List<AppInstance> instances) {
        final ChaosSettings settings = lab.settings();
        lab.producer().preload(settings.preload());
        lab.producer().start();
        final Progress progress = lab.progress();
        final long baseline = progress.committed();
        for (final AppInstance instance : instances) {
            instance.start();
        }
        for (final AppInstance instance : instances) {
            instance.watch().awaitRunning(settings.recoveryTimeout());
        }
        progress.awaitCommittedAbove(baseline, settings.recoveryTimeout(), () -> anyAlive(instances));
        LOG.info("Stockflow is processing: {} instance(s), {} events produced so far", instances.size(),
                lab.producer().sent());
    }

    /** Produces the rest of the input, waits until all of it is processed, and stops the instances. */
    static void end(final ChaosLab lab, final List<AppInstance> instances) {
        final ChaosSettings settings = lab.settings();
        final PacedProducer producer = lab.producer();
        final long target = settings.events();
        final long deadline = System.currentTimeMillis() + PRODUCE_SLACK.toMillis()
                + (long) (Math.max(0, target - producer.sent()) * 1000 / settings.rate());
        while (producer.sent() < target && System.currentTimeMillis() < deadline) {
            Pause.millis(100);
        }
        producer.stop();
        LOG.info("Produced {} events ({} failed); waiting until Stockflow has processed them all",
                producer.sent(), producer.failed());
        lab.progress().awaitDrained(settings.recoveryTimeout(), () -> anyAlive(instances));
        for (final AppInstance instance : instances) {
            instance.stop();
        }
    }

    private static boolean anyAlive(final List<AppInstance> instances) {
        return instances.stream().anyMatch(AppInstance::isAlive);
    }
}
