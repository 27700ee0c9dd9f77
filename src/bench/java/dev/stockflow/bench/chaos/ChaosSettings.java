package dev.stockflow.bench.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything one chaos run is set to.
 *
 * @param mode             what the run does
 * @param quick            the short run CI makes (figures are labelled so)
 * @param events           input events to produce at least, preload included
 * @param preload          events produced before Stockflow starts, as fast as the broker takes them
 * @param rate             events per second produced during the run (and the workload's event clock)
 * @param offers           offers in the workload
 * @param partitions       partitions of each input topic
 * @param seed             workload and fault-timing seed
 * @param orderShare       share of order lines among the workload's events
 * @param appKills         how many times a Stockflow instance is killed with SIGKILL
 * @param brokerRestarts   how many times the broker is killed with SIGKILL and started again
 * @param commitIntervalMs Kafka Streams' commit.interval.ms: long enough that kills land inside transactions
 * @param sessionTimeoutMs the consumers' session.timeout.ms, or null for Kafka's default
 * @param appHeap          -Xmx of each Stockflow JVM
 * @param brokerHeap       -Xmx of the broker JVM
 * @param nodeBudget       events the checker may deliver to its models per offer before it gives up on it
 * @param recoveryTimeout  how long Stockflow may take to process again after a fault before the run fails
 * @param output           where the logs, data and figures go
 * @param jar              the runnable Stockflow jar ({@code target/stockflow.jar}, its libraries beside it)
 * @param appSettings      further Stockflow settings of every instance (e.g. {@code kafka.X} pass-throughs),
 *                         applied after the harness's own, so they win
 */
record ChaosSettings(ChaosMode mode, boolean quick, long events, long preload, double rate, int offers,
                     int partitions, long seed, double orderShare, int appKills, int brokerRestarts,
                     long commitIntervalMs, Integer sessionTimeoutMs, String appHeap, String brokerHeap,
                     long nodeBudget, Duration recoveryTimeout, Path output, Path jar,
                     Map<String, String> appSettings) {

    ChaosSettings {
        appSettings = Map.copyOf(appSettings);
    }

    /** The application id, and so the consumer group and the prefix of transactional ids. */
    String applicationId() {
        return "stockflow-chaos-" + mode.id();
    }
}
