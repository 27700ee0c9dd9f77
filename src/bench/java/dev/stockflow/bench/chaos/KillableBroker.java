package dev.stockflow.bench.chaos;

import dev.stockflow.bench.broker.BrokerHome;
import dev.stockflow.bench.broker.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's one Kafka broker, in a JVM of its own on a {@link BrokerHome}: killed with SIGKILL and started
 * again on the same data directory and ports, so that every client (Stockflow, the producer, the harness's
 * admin client) finds it again at the same address, as after a crashed broker's restart in production.
 */
final class KillableBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KillableBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final BrokerHome home;
    private final String heap;
    private final Path log;
    private BrokerProcess process;

    /** What one kill and restart took. */
    record Restart(long killedAt, long readyAt) {

        long downMillis() {
            return readyAt - killedAt;
        }
    }

    KillableBroker(final BrokerHome home, final String heap, final Path log) {
        this.home = home;
        this.heap = heap;
        this.log = log;
    }

    void start() {
        process = BrokerProcess.start(heap, START_TIMEOUT, home, log);
    }

    /** SIGKILL, then a start on the same home; returns once the broker serves clients again. */
    Restart killAndRestart() {
        final long killedAt = System.currentTimeMillis();
        process.kill();
        LOG.info("Killed the broker (pid {}) with SIGKILL; starting it again on {}", process.pid(),
                home.dataDirectory());
        start();
        return new Restart(killedAt, System.currentTimeMillis());
    }

    String bootstrapServers() {
        return home.bootstrapServers();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
