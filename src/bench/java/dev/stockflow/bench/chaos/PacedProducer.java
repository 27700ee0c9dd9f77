package dev.stockflow.bench.chaos;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.runtime.InputProducer;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.workload.GeneratedEvent;
import dev.stockflow.workload.WorkloadGenerator;
import dev.stockflow.workload.WorkloadSettings;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's input: the seeded {@code generate} workload (duplicates, redeliveries, out-of-order events,
 * delistings and relistings; no bad records) sent with Stockflow's own input producer. First a preload as
 * fast as the broker takes it, then, on a thread of its own, events paced by their occurredAt: the
 * workload's event clock runs at the production rate and starts the preload's span before now, so no event
 * is ever sent before it happened and the live input keeps Stockflow working for the whole run.
 *
 * <p>What was produced is not remembered here: the checker reads the input topics back, in log order,
 * redeliveries and producer retries included, because that is what Stockflow saw.
 */
final class PacedProducer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PacedProducer.class);
    private static final long MAX_PAUSE_MS = 100;

    private final InputProducer producer;
    private final WorkloadGenerator generator;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread = new Thread(this::produce, "chaos-producer");
    private volatile boolean running;

    PacedProducer(final String bootstrapServers, final String registryUrl, final SchemaRegistryClient registry,
                  final WorkloadSettings workload) {
        final StockflowConfig config = ConfigLoader.load(null, Map.of(), Map.of(
                StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl));
        this.producer = new InputProducer(config, registry);
        this.generator = new WorkloadGenerator(workload);
    }

    /** Sends the first {@code count} events and waits until the broker has them all. */
    void preload(final long count) {
        for (long i = 0; i < count; i++) {
            send(generator.next());
        }
        producer.flush();
        if (producer.failed() > 0) {
            throw new IllegalStateException(producer.failed() + " preloaded events could not be produced: "
                    + producer.firstError());
        }
        LOG.info("Preloaded {} events", count);
    }

    /** Goes on producing, each event once the wall clock has reached its occurredAt. */
    void start() {
        running = true;
        thread.setDaemon(true);
        thread.start();
    }

    private void produce() {
        while (running) {
            final GeneratedEvent event = generator.next();
            long early;
            while (running && (early = event.occurredAt() - System.currentTimeMillis()) > 0) {
                Pause.millis(Math.min(early, MAX_PAUSE_MS));
            }
            if (running) {
                send(event);
            }
        }
    }

    private void send(final GeneratedEvent event) {
        if (event.isBad()) {
            throw new IllegalStateException("the chaos workload must have no bad records: " + event);
        }
        producer.send(event.input(), event.key(), event.value(), event.occurredAt());
        sent.incrementAndGet();
    }

    /** Events handed to the producer so far, the preload included. */
    long sent() {
        return sent.get();
    }

    /** Events the broker refused or never acknowledged (they are then not in the input, which is read back). */
    long failed() {
        return producer.failed();
    }

    String firstError() {
        return producer.firstError();
    }

    /** Stops producing and waits until every event sent is acknowledged or failed. */
    void stop() {
        running = false;
        try {
            thread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
        producer.close();
    }
}
