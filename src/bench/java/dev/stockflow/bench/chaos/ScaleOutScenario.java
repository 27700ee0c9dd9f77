package dev.stockflow.bench.chaos;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scale-out: one instance works through the input; a third of the way in, a second one is started. Kafka
 * Streams moves tasks to it (first as warm-ups, then as active tasks at a probing rebalance), so tasks are
 * closed, committed and reopened elsewhere while the input flows; the check must find nothing lost and
 * nothing written twice. Measured: from the second instance's start to its first active partitions.
 */
final class ScaleOutScenario implements Scenario {

    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutScenario.class);

    private final ChaosLab lab;
    private final ChaosSettings settings;
    private final Map<String, Object> figures;

    ScaleOutScenario(final ChaosLab lab, final Map<String, Object> figures) {
        this.lab = lab;
        this.settings = lab.settings();
        this.figures = figures;
    }

    @Override
    public FaultLog run() {
        final AppInstance first = lab.newInstance("a");
        Workday.begin(lab, List.of(first));
        final long third = settings.preload() + (settings.events() - settings.preload()) / 3;
        while (lab.producer().sent() < third) {
            Pause.millis(100);
        }
        final AppInstance second = lab.newInstance("b");
        final long startedAt = second.start();
        final long runningAt = second.watch().awaitRunning(settings.recoveryTimeout());
        final String secondId = second.processId(settings.applicationId());
        final long activeAt = Pause.until(() -> lab.cluster().assignments(settings.applicationId()).entrySet()
                .stream().anyMatch(member -> member.getKey().contains(secondId) && !member.getValue().isEmpty()),
                settings.recoveryTimeout(), second::isAlive, () -> "the second instance got active tasks");
        figures.put("scale-out: start to RUNNING (s)", ChaosReport.inSeconds(runningAt - startedAt));
        figures.put("scale-out: start to active partitions (s)", ChaosReport.inSeconds(activeAt - startedAt));
        LOG.info("Scale-out: the second instance was RUNNING {} ms after its start and processed partitions "
                + "after {} ms", runningAt - startedAt, activeAt - startedAt);
        Workday.end(lab, List.of(first, second));
        return new FaultLog();
    }
}
