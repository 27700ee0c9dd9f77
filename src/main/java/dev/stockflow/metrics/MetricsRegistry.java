package dev.stockflow.metrics;

import dev.stockflow.restore.RestoreStatus;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/** The Prometheus registry of one Stockflow instance with JVM, process and Kafka Streams metrics bound. */
public final class MetricsRegistry implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    /** Micrometer's default is a minute, long enough to hide a freshly assigned task from dashboards. */
    public static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);

    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "stockflow-metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaStreamsMetrics streamsMetrics;
    private volatile RestoreMetrics restoreMetrics;

    public MetricsRegistry() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Exposes Kafka Streams' own metrics (consumer lag, commit rates, RocksDB, restoration). Task and
     * store metrics only exist once tasks are assigned; they are picked up within {@link #KAFKA_METRICS_REFRESH}.
     */
    public void bind(final KafkaStreams streams) {
        streamsMetrics = new KafkaStreamsMetrics(streams, List.of(), refresher, KAFKA_METRICS_REFRESH);
        streamsMetrics.bindTo(registry);
    }

    /** Exports Stockflow's own restoration progress ({@link RestoreMetrics}), as {@code status} reports it. */
    public void bindRestore(final Supplier<RestoreStatus> status) {
        restoreMetrics = new RestoreMetrics(registry, status);
    }

    /** The Prometheus text exposition of every meter, restoration progress as of now. */
    public String scrape() {
        final RestoreMetrics restore = restoreMetrics;
        if (restore != null) {
            restore.refresh();
        }
        return registry.scrape();
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        refresher.shutdownNow();
        gcMetrics.close();
        registry.close();
    }
}
