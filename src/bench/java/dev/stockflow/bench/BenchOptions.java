package dev.stockflow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one benchmark run does; see {@link Bench} for the command-line options that set each.
 */
record BenchOptions(long events, int repeat, int partitions, int offers, long seed, int warmupRuns,
                    List<BenchCase> cases, double orderShare, String peerGuarantee, boolean latency, double latencyRate,
                    int latencySeconds, int latencyWarmupSeconds, boolean scale, List<Integer> scalePoints,
                    long scaleEvents, int scaleRepeat, boolean profile, String appHeap, String brokerHeap,
                    Path outputDirectory, Map<String, String> stockflowSettings) {
}
