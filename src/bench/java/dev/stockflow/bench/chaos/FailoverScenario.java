package dev.stockflow.bench.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fail-over: two instances, each with a standby of the other's tasks ({@code num.standby.replicas=1}); one
 * is killed with SIGKILL while a reader looks offers of its partitions up on the survivor. Measured from the
 * kill: when the survivor is assigned the dead instance's partitions, when it commits them (processing),
 * and when its lookups for them are served (200 or 404, not 503). Every lookup answer is checked against the
 * snapshot topic ({@link LookupCheck}). The killed instance then comes back with its identity, and the run
 * ends like every other: all input processed, output checked.
 */
final class FailoverScenario implements Scenario {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverScenario.class);
    /** Offers looked up per partition of the dead instance: its busiest (their answers change most). */
    private static final int PROBED_KEYS_PER_PARTITION = 8;
    /** Lookups keep going this long after every partition is served again, to catch a late stale answer. */
    private static final Duration AFTER_SERVED = Duration.ofSeconds(10);

    private final ChaosLab lab;
    private final ChaosSettings settings;
    private final Map<String, Object> figures;
    private List<LookupProber.Lookup> lookups = List.of();

    FailoverScenario(final ChaosLab lab, final Map<String, Object> figures) {
        this.lab = lab;
        this.settings = lab.settings();
        this.figures = figures;
    }

    @Override
    public FaultLog run() {
        final AppInstance victim = lab.newInstance("a");
        final AppInstance survivor = lab.newInstance("b");
        Workday.begin(lab, List.of(victim, survivor));
        final Set<TopicPartition> victimPartitions = awaitBothActive(victim, survivor);
        // Some processing with both up, so that each standby has followed the other's changelog.
        Pause.millis(3 * settings.commitIntervalMs());
        try (SnapshotTail tail = new SnapshotTail(lab.broker().bootstrapServers())) {
            tail.awaitCaughtUp(settings.recoveryTimeout());
            final Map<String, Integer> keys = probedKeys(tail, partitionNumbers(victimPartitions));
            try (LookupProber prober = new LookupProber(survivor.httpPort(), keys, tail)) {
                Pause.millis(settings.commitIntervalMs());
                failOver(victim, survivor, victimPartitions, prober);
                lookups = prober.lookups();
            }
        }
        victim.start();
        Workday.end(lab, List.of(victim, survivor));
        return new FaultLog();
    }

    private void failOver(final AppInstance victim, final AppInstance survivor,
                          final Set<TopicPartition> victimPartitions, final LookupProber prober) {
        final Progress.WorkLeft left = lab.progress().workLeft();
        final Map<TopicPartition, Long> committedAtKill = lab.cluster().committedOffsets(settings.applicationId());
        final long killedAt = System.currentTimeMillis();
        victim.kill();
        final String survivorId = survivor.processId(settings.applicationId());
        final long assignedAt = awaitUntil(() -> owns(survivorId, victimPartitions) ? System.currentTimeMillis() : 0,
                "the survivor was assigned the dead instance's partitions");
        final long processingAt = awaitUntil(() -> committedPast(committedAtKill, busiest(victimPartitions))
                ? System.currentTimeMillis() : 0, "the survivor committed the dead instance's partitions");
        final long servedAt = awaitUntil(() -> prober.allServedAfter(killedAt, partitionNumbers(victimPartitions)),
                "the survivor served lookups of the dead instance's partitions");
        Pause.millis(AFTER_SERVED.toMillis());
        figures.put("failover: input uncommitted at the kill", left.lag());
        figures.put("failover: kill to partitions assigned (s)", ChaosReport.inSeconds(assignedAt - killedAt));
        figures.put("failover: kill to partitions committed (s)", ChaosReport.inSeconds(processingAt - killedAt));
        figures.put("failover: kill to lookups served (s)", ChaosReport.inSeconds(servedAt - killedAt));
        LOG.info("Fail-over: partitions assigned to the survivor {} ms after the kill, committed after {} ms, "
                + "lookups served after {} ms", assignedAt - killedAt, processingAt - killedAt, servedAt - killedAt);
    }

    /** Waits until both instances process partitions; returns the first one's. */
    private Set<TopicPartition> awaitBothActive(final AppInstance first, final AppInstance second) {
        final String firstId = first.processId(settings.applicationId());
        final String secondId = second.processId(settings.applicationId());
        awaitUntil(() -> !partitionsOf(firstId).isEmpty() && !partitionsOf(secondId).isEmpty()
                ? System.currentTimeMillis() : 0, "both instances were assigned partitions");
        return partitionsOf(firstId);
    }

    private Set<TopicPartition> partitionsOf(final String processId) {
        return lab.cluster().assignments(settings.applicationId()).entrySet().stream()
                .filter(member -> member.getKey().contains(processId))
                .flatMap(member -> member.getValue().stream())
                .collect(Collectors.toSet());
    }

    private boolean owns(final String processId, final Set<TopicPartition> partitions) {
        return partitionsOf(processId).containsAll(partitions);
    }

    /** The stock-updates partitions among these: they get input all the time, so their commits show processing. */
    private static Set<TopicPartition> busiest(final Set<TopicPartition> partitions) {
        return partitions.stream().filter(partition -> partition.topic().equals(ChaosLab.inputTopics().get(0)))
                .collect(Collectors.toSet());
    }

    private boolean committedPast(final Map<TopicPartition, Long> before, final Set<TopicPartition> partitions) {
        final Map<TopicPartition, Long> now = lab.cluster().committedOffsets(settings.applicationId());
        return partitions.stream().allMatch(partition ->
                now.getOrDefault(partition, 0L) > before.getOrDefault(partition, 0L));
    }

    private long awaitUntil(final LongSupplier done, final String what) {
        return Pause.until(done, settings.recoveryTimeout(), () -> true, () -> what);
    }

    /**
     * The busiest offers (most snapshots so far) of each given partition, with their partition; waits until
     * every partition has some.
     */
    private Map<String, Integer> probedKeys(final SnapshotTail tail, final Set<Integer> partitions) {
        final Map<String, Integer> keys = new LinkedHashMap<>();
        awaitUntil(() -> {
            keys.clear();
            final Map<String, Integer> counts = tail.counts();
            for (final int partition : partitions) {
                counts.entrySet().stream()
                        .filter(entry -> partitionOf(entry.getKey()) == partition)
                        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                        .limit(PROBED_KEYS_PER_PARTITION)
                        .forEach(entry -> keys.put(entry.getKey(), partition));
            }
            return keys.values().containsAll(partitions) ? System.currentTimeMillis() : 0;
        }, "snapshots of every partition of the instance to kill were committed");
        return keys;
    }

    /** Kafka's default partitioner: murmur2 of the key bytes (keys are UTF-8 offer keys on every topic). */
    private int partitionOf(final String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % settings.partitions();
    }

    private static Set<Integer> partitionNumbers(final Set<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public void check(final ChaosOutput output, final List<String> failures) {
        final LookupCheck check = LookupCheck.of(lookups, output.snapshots());
        check.figures().forEach((name, value) -> figures.put("failover lookups: " + name, value));
        if (check.stale() > 0 || check.wrong() > 0) {
            failures.add(check.stale() + " stale and " + check.wrong() + " wrong lookup answers during the "
                    + "fail-over:\n" + check.examples());
        }
    }
}
