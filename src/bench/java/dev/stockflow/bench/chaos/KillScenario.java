package dev.stockflow.bench.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The eos and alos runs: one Stockflow instance working through a paced input while it is killed with
 * SIGKILL again and again, and the broker too, in a seeded random order.
 *
 * <p>A kill proves something only when it throws work away, so every fault waits until the instance is
 * processing again after the previous one (its committed offsets moved), then a random part of a few
 * commit intervals, so that the kill lands at a random point of an open transaction; right before each
 * kill the uncommitted input and the open transactions are measured and kept with it.
 */
final class KillScenario implements Scenario {

    private static final Logger LOG = LoggerFactory.getLogger(KillScenario.class);

    private final ChaosLab lab;
    private final ChaosSettings settings;
    private final Progress progress;
    private final Random random;
    private final FaultLog faults = new FaultLog();

    KillScenario(final ChaosLab lab) {
        this.lab = lab;
        this.settings = lab.settings();
        this.progress = lab.progress();
        this.random = new Random(settings.seed());
    }

    @Override
    public FaultLog run() {
        final AppInstance app = lab.newInstance("a");
        Workday.begin(lab, List.of(app));
        for (final boolean brokerFault : plan()) {
            Pause.millis(pauseBeforeFault());
            if (brokerFault) {
                faults.add(restartBroker(app));
            } else {
                faults.add(killAndRestart(app));
            }
        }
        Workday.end(lab, List.of(app));
        return faults;
    }

    /** The faults in a seeded random order: true for a broker restart, false for an app kill. */
    private List<Boolean> plan() {
        final List<Boolean> plan = new ArrayList<>();
        for (int i = 0; i < settings.appKills(); i++) {
            plan.add(false);
        }
        for (int i = 0; i < settings.brokerRestarts(); i++) {
            plan.add(true);
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    /** Half a commit interval to two: a random point of the transaction that is open. */
    private long pauseBeforeFault() {
        return (long) (settings.commitIntervalMs() * (0.5 + 1.5 * random.nextDouble()));
    }

    private FaultLog.AppKill killAndRestart(final AppInstance app) {
        final Progress.WorkLeft left = progress.workLeft();
        final long killedAt = System.currentTimeMillis();
        app.kill();
        final long baseline = progress.committed();
        final long startedAt = app.start();
        final Duration timeout = settings.recoveryTimeout();
        final long active = app.watch().awaitActive(timeout);
        final long running = app.watch().awaitRunning(timeout);
        final long committing = progress.awaitCommittedAbove(baseline, timeout, app::isAlive);
        final FaultLog.AppKill kill = new FaultLog.AppKill(app.name(), killedAt, left.lag(), left.openTransactions(),
                active - startedAt, running - startedAt, committing - startedAt, app.watch().restoredRecords());
        LOG.info("Kill {}: {} input records uncommitted, {} transactions open; back at work {} ms after its "
                + "restart, RUNNING after {} ms, committing after {} ms, {} records restored",
                faults.kills().size() + 1, kill.lag(), kill.openTransactions(), kill.activeMs(), kill.runningMs(),
                kill.committingMs(), kill.restoredRecords());
        return kill;
    }

    private FaultLog.BrokerRestart restartBroker(final AppInstance app) {
        final long baseline = progress.committed();
        final KillableBroker.Restart restart = lab.broker().killAndRestart();
        final long committing = progress.awaitCommittedAbove(baseline, settings.recoveryTimeout(), app::isAlive);
        final FaultLog.BrokerRestart record = new FaultLog.BrokerRestart(restart.killedAt(), restart.downMillis(),
                committing - restart.readyAt());
        LOG.info("Broker restart {}: down {} ms; Stockflow committing again {} ms after it was back",
                faults.brokerRestarts().size() + 1, record.downMs(), record.committingMs());
        return record;
    }
}
