package dev.stockflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the results into {@code result.json} (for tools) and a table (for people, also in
 * {@code result.txt}), and judges them against the targets of the benchmark.
 */
final class ResultReport {

    static final double TARGET_EOS_EVENTS_PER_SECOND = 250_000;
    static final double TARGET_EOS_TO_PASSTHROUGH = 0.22;
    static final double TARGET_EOS_TO_PEER = 3.0;
    static final double TARGET_SCALE_RETAINED = 0.70;
    static final long TARGET_SCALE_RSS_BYTES = 1536L << 20;
    static final int TARGET_SCALE_OFFER_LOCATIONS = 10_000_000;
    static final int TARGET_SCALE_BASE_OFFER_LOCATIONS = 100_000;
    static final long TARGET_P99_MS = 200;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BenchOptions options;
    private final BenchResults results;
    private final String startedAt;
    private final double loadAtStart;

    ResultReport(final BenchOptions options, final BenchResults results, final Instant startedAt,
                 final double loadAtStart) {
        this.options = options;
        this.results = results;
        this.startedAt = startedAt.toString();
        this.loadAtStart = loadAtStart;
    }

    /** Writes result.json and result.txt into the output directory and returns the table. */
    String write() {
        final String table = table();
        try {
            JSON.writeValue(options.outputDirectory().resolve("result.json").toFile(), json());
            Files.writeString(options.outputDirectory().resolve("result.txt"), table);
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot write the results to " + options.outputDirectory(), e);
        }
        return table;
    }

    // ---- JSON ---------------------------------------------------------------------------------------

    Map<String, Object> json() {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", startedAt);
        json.put("machine", machine());
        json.put("settings", settings());
        json.put("workload", workload(results.dataset()));
        if (results.ordersDataset() != null) {
            json.put("workloadWithOrders", workload(results.ordersDataset()));
        }
        final Map<String, Object> cases = new LinkedHashMap<>();
        for (final BenchCase benchCase : options.cases()) {
            cases.put(benchCase.id(), caseJson(results.runs(benchCase)));
        }
        json.put("cases", cases);
        json.put("ratios", ratios());
        json.put("correctness", correctness());
        if (results.latency() != null) {
            json.put("latency", results.latency());
        }
        if (!results.scale().isEmpty()) {
            json.put("scale", results.scale().stream().map(this::scaleJson).toList());
        }
        if (results.profile() != null) {
            json.put("profile", profileJson(results.profile()));
        }
        json.put("targets", targets());
        json.put("failures", results.failures());
        return json;
    }

    private Map<String, Object> machine() {
        final Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("loadAverageAtStart", Spread.round(loadAtStart, 2));
        machine.put("loadAverageAtEnd", Spread.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2));
        return machine;
    }

    private Map<String, Object> settings() {
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("events", options.events());
        settings.put("repeat", options.repeat());
        settings.put("partitions", options.partitions());
        settings.put("offers", options.offers());
        settings.put("seed", options.seed());
        settings.put("warmupRuns", options.warmupRuns());
        settings.put("appHeap", options.appHeap());
        settings.put("brokerHeap", options.brokerHeap());
        settings.put("orderShare", options.orderShare());
        settings.put("peerGuarantee", options.peerGuarantee());
        settings.put("stockflowSettings", options.stockflowSettings());
        return settings;
    }

    private static Map<String, Object> workload(final Dataset data) {
        final Map<String, Object> workload = new LinkedHashMap<>();
        if (data == null) {
            return workload;
        }
        workload.put("records", data.records());
        workload.put("byTopic", data.byKind());
        workload.put("eventTimeSpanSeconds", data.workload().eventTimeSpan().toSeconds());
        workload.put("expectedOutcomes", data.expectation().outcomes());
        final Map<String, Object> shares = new LinkedHashMap<>();
        data.expectation().outcomes().forEach((outcome, count) ->
                shares.put(outcome, Spread.round((double) count / data.records(), 4)));
        workload.put("expectedOutcomeShares", shares);
        workload.put("expectedOffers", data.expectation().snapshots().size());
        workload.put("expectedSnapshotsEmitted", data.expectation().snapshotsEmitted());
        workload.put("expectedTombstonesEmitted", data.expectation().tombstonesEmitted());
        return workload;
    }

    private Map<String, Object> caseJson(final List<RunResult> runs) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("repetitions", runs.size());
        json.put("eventsPerSecond", Spread.of(runs, RunResult::eventsPerSecond).toJson(0));
        json.put("seconds", Spread.of(runs, RunResult::seconds).toJson(2));
        json.put("appCpuSeconds", Spread.of(runs, RunResult::appCpuSeconds).toJson(2));
        json.put("brokerCpuSeconds", Spread.of(runs, RunResult::brokerCpuSeconds).toJson(2));
        json.put("appPeakRssMiB", Spread.of(runs, run -> run.appPeakRssBytes() / 1048576.0).toJson(0));
        json.put("recordsWritten", Spread.of(runs, RunResult::recordsWritten).toJson(0));
        json.put("correct", !runs.isEmpty() && runs.stream().allMatch(RunResult::correct));
        json.put("runs", runs.stream().map(ResultReport::runJson).toList());
        return json;
    }

    private static Map<String, Object> runJson(final RunResult run) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("repetition", run.repetition());
        json.put("eventsPerSecond", Math.round(run.eventsPerSecond()));
        json.put("seconds", Spread.round(run.seconds(), 3));
        json.put("appCpuSeconds", Spread.round(run.appCpuSeconds(), 2));
        json.put("brokerCpuSeconds", Spread.round(run.brokerCpuSeconds(), 2));
        json.put("appPeakRssMiB", run.appPeakRssBytes() >> 20);
        json.put("recordsWritten", run.recordsWritten());
        if (run.check() != null) {
            json.put("snapshotsEmitted", run.recordsWritten() - run.tombstones());
            json.put("tombstonesEmitted", run.tombstones());
        }
        json.put("stateOnDiskMiB", run.stateBytes() >> 20);
        json.put("correct", run.correct());
        if (run.check() != null) {
            json.put("check", run.check());
        }
        if (run.initialSeconds() != null) {
            json.put("initialFeedSeconds", Spread.round(run.initialSeconds(), 3));
        }
        json.put("appCounters", run.counters());
        return json;
    }

    private Map<String, Object> ratios() {
        final Map<String, Object> ratios = new LinkedHashMap<>();
        putRatio(ratios, "stockflowEosToPassthrough", BenchCase.STOCKFLOW_EOS, BenchCase.PASSTHROUGH);
        putRatio(ratios, "stockflowEosWithOrdersToWithout", BenchCase.STOCKFLOW_EOS_ORDERS, BenchCase.STOCKFLOW_EOS);
        putRatio(ratios, "stockflowEosToPeer", BenchCase.STOCKFLOW_EOS, BenchCase.PEER);
        putRatio(ratios, "stockflowAlosToPassthrough", BenchCase.STOCKFLOW_ALOS, BenchCase.PASSTHROUGH);
        putRatio(ratios, "stockflowAlosToPeer", BenchCase.STOCKFLOW_ALOS, BenchCase.PEER);
        return ratios;
    }

    private void putRatio(final Map<String, Object> ratios, final String name, final BenchCase top,
                          final BenchCase bottom) {
        final double ratio = ratio(top, bottom);
        if (!Double.isNaN(ratio)) {
            ratios.put(name, Spread.round(ratio, 3));
        }
    }

    /** Ratio of the median throughputs, NaN when either case was not measured. */
    private double ratio(final BenchCase top, final BenchCase bottom) {
        return median(top) / median(bottom);
    }

    private double median(final BenchCase benchCase) {
        return Spread.of(results.runs(benchCase), RunResult::eventsPerSecond).median();
    }

    private Map<String, Object> correctness() {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", results.allCorrect());
        json.put("method", "final compacted snapshot topic of every run vs. the test suite's ReferenceModel fed the"
                + " preloaded events in produce order; 'correct' = same offers with the same quantities and prices;"
                + " 'exact' also compares timestamps and lowestPrice30d");
        for (final BenchCase benchCase : options.cases()) {
            if (benchCase.writesSnapshots()) {
                json.put(benchCase.id() + "Exact", results.runs(benchCase).stream()
                        .allMatch(run -> run.check() != null && run.check().exact()));
            }
        }
        return json;
    }

    private Map<String, Object> scaleJson(final BenchResults.ScalePoint point) {
        final Map<String, Object> json = new LinkedHashMap<>();
        final long initial = point.data().workload().initialEvents();
        final long steady = point.data().workload().steadyEvents();
        json.put("offerLocations", point.offerLocations());
        json.put("offers", point.data().workload().settings().offers());
        json.put("initialFeedEvents", initial);
        json.put("steadyEvents", steady);
        json.put("initialFeedEventsPerSecond", Spread.of(point.runs(), run -> initial / run.initialSeconds()).toJson(0));
        json.put("steadyEventsPerSecond", Spread.of(point.runs(), run -> run.steadyEventsPerSecond(steady)).toJson(0));
        json.put("eventsPerSecond", Spread.of(point.runs(), RunResult::eventsPerSecond).toJson(0));
        json.put("appPeakRssMiB", Spread.of(point.runs(), run -> run.appPeakRssBytes() / 1048576.0).toJson(0));
        json.put("stateOnDiskMiB", Spread.of(point.runs(), run -> run.stateBytes() / 1048576.0).toJson(0));
        json.put("correct", !point.runs().isEmpty() && point.runs().stream().allMatch(RunResult::correct));
        json.put("runs", point.runs().stream().map(ResultReport::runJson).toList());
        return json;
    }

    private static Map<String, Object> profileJson(final BenchResults.Profile profile) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("recording", profile.recording());
        json.put("eventsPerSecondWhileRecording", Math.round(profile.run().eventsPerSecond()));
        json.put("summary", profile.summary());
        return json;
    }

    // ---- targets ------------------------------------------------------------------------------------

    private List<Map<String, Object>> targets() {
        final List<Map<String, Object>> targets = new ArrayList<>();
        final double eos = median(BenchCase.STOCKFLOW_EOS);
        targets.add(target("Stockflow EOS events/s", ">= 250000", eos, eos >= TARGET_EOS_EVENTS_PER_SECOND));
        final double toPassthrough = ratio(BenchCase.STOCKFLOW_EOS, BenchCase.PASSTHROUGH);
        targets.add(target("Stockflow EOS / passthrough", ">= 0.22", toPassthrough,
                toPassthrough >= TARGET_EOS_TO_PASSTHROUGH));
        final double toPeer = ratio(BenchCase.STOCKFLOW_EOS, BenchCase.PEER);
        targets.add(target("Stockflow EOS / DSL peer", ">= 3", toPeer, toPeer >= TARGET_EOS_TO_PEER));
        final BenchResults.ScalePoint base = scalePoint(TARGET_SCALE_BASE_OFFER_LOCATIONS);
        final BenchResults.ScalePoint large = scalePoint(TARGET_SCALE_OFFER_LOCATIONS);
        final double retained = base == null || large == null ? Double.NaN
                : steadyMedian(large) / steadyMedian(base);
        targets.add(target("steady events/s at 10M offer-locations / at 100k", ">= 0.70", retained,
                retained >= TARGET_SCALE_RETAINED));
        final double rss = large == null ? Double.NaN
                : Spread.of(large.runs(), run -> (double) run.appPeakRssBytes()).max() / 1048576.0;
        targets.add(target("app peak RSS at 10M offer-locations (MiB)", "<= 1536", rss,
                rss <= TARGET_SCALE_RSS_BYTES / 1048576.0));
        final double p99 = results.latency() == null ? Double.NaN : results.latency().p99Ms();
        targets.add(target("p99 event->snapshot at 50k events/s (ms)", "<= 200", p99, p99 <= TARGET_P99_MS));
        targets.add(target("final snapshots equal the reference model's", "all runs", results.allCorrect() ? 1 : 0,
                results.allCorrect()));
        return targets;
    }

    private BenchResults.ScalePoint scalePoint(final int offerLocations) {
        return results.scale().stream().filter(point -> point.offerLocations() == offerLocations).findFirst()
                .orElse(null);
    }

    private static double steadyMedian(final BenchResults.ScalePoint point) {
        final long steady = point.data().workload().steadyEvents();
        return Spread.of(point.runs(), run -> run.steadyEventsPerSecond(steady)).median();
    }

    private static Map<String, Object> target(final String name, final String target, final double measured,
                                              final boolean met) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("target", target);
        json.put("measured", Double.isNaN(measured) ? null : Spread.round(measured, 3));
        json.put("met", Double.isNaN(measured) ? null : met);
        return json;
    }

    // ---- table --------------------------------------------------------------------------------------

    String table() {
        final StringBuilder text = new StringBuilder();
        final Dataset data = results.dataset();
        text.append(String.format(Locale.ROOT, "Stockflow benchmark, %s: %,d events, %d partitions, %d run(s) per case,"
                        + " median (min-max); %d CPUs, load average %.1f at start%n%n", startedAt,
                data == null ? 0 : data.records(), options.partitions(), options.repeat(),
                Runtime.getRuntime().availableProcessors(), loadAtStart));
        final Dataset withOrders = results.ordersDataset();
        if (withOrders != null) {
            text.append(String.format(Locale.ROOT, "stockflow-eos-orders runs over the same workload with %.0f%% order"
                    + " lines (%,d of %,d events); the other cases over the one without.%n%n",
                    options.orderShare() * 100, withOrders.byKind().getOrDefault("order", 0L), withOrders.records()));
        }
        text.append(String.format(Locale.ROOT, "%-21s %-30s %-9s %-11s %-14s %-13s %-11s %s%n", "case", "events/s",
                "seconds", "app CPU s", "broker CPU s", "app RSS MiB", "written", "correct"));
        for (final BenchCase benchCase : options.cases()) {
            final List<RunResult> runs = results.runs(benchCase);
            if (runs.isEmpty()) {
                continue;
            }
            final Spread rate = Spread.of(runs, RunResult::eventsPerSecond);
            text.append(String.format(Locale.ROOT, "%-21s %-30s %-9.1f %-11.1f %-14.1f %-13.0f %-11s %s%n",
                    benchCase.id(), String.format(Locale.ROOT, "%,.0f (%,.0f-%,.0f)", rate.median(), rate.min(),
                            rate.max()),
                    Spread.of(runs, RunResult::seconds).median(), Spread.of(runs, RunResult::appCpuSeconds).median(),
                    Spread.of(runs, RunResult::brokerCpuSeconds).median(),
                    Spread.of(runs, run -> run.appPeakRssBytes() / 1048576.0).max(),
                    String.format(Locale.ROOT, "%,.0f", Spread.of(runs, RunResult::recordsWritten).median()),
                    correctness(benchCase, runs)));
        }
        text.append('\n');
        ratios().forEach((name, value) -> text.append(String.format(Locale.ROOT, "%s = %s%n", name, value)));
        appendLatency(text);
        appendScale(text);
        appendProfile(text);
        text.append("\nTargets:\n");
        for (final Map<String, Object> target : targets()) {
            final Object met = target.get("met");
            text.append(String.format(Locale.ROOT, "  [%s] %s %s: %s%n", met == null ? "n/a" : (Boolean) met ? "met"
                    : "NOT met", target.get("name"), target.get("target"), target.get("measured")));
        }
        results.failures().forEach(failure -> text.append("FAILED: ").append(failure).append('\n'));
        return text.toString();
    }

    private static String correctness(final BenchCase benchCase, final List<RunResult> runs) {
        if (!runs.stream().allMatch(RunResult::correct)) {
            return "NO";
        }
        if (!benchCase.writesSnapshots()) {
            return "yes (all copied)";
        }
        return runs.stream().allMatch(run -> run.check().exact()) ? "yes (exact)"
                : "values only: " + runs.get(runs.size() - 1).check().summary();
    }

    private void appendLatency(final StringBuilder text) {
        final LatencyCase.Result latency = results.latency();
        if (latency != null) {
            text.append(String.format(Locale.ROOT, "%nLatency event->snapshot at %,.0f events/s (achieved %,.0f), %d s:"
                            + " p50 %d ms, p90 %d ms, p99 %d ms, p99.9 %d ms, max %d ms over %,d snapshots;"
                            + " app %.2f CPU s, peak RSS %d MiB%n", latency.targetRate(), latency.achievedRate(),
                    latency.seconds(), latency.p50Ms(), latency.p90Ms(), latency.p99Ms(), latency.p999Ms(),
                    latency.maxMs(), latency.snapshots(), latency.appCpuSeconds(), latency.appPeakRssBytes() >> 20));
        }
    }

    private void appendScale(final StringBuilder text) {
        if (results.scale().isEmpty()) {
            return;
        }
        text.append(String.format(Locale.ROOT, "%nScale (Stockflow EOS; initial stock feed of every offer-location,"
                + " then %,d workload events):%n", options.scaleEvents()));
        text.append(String.format(Locale.ROOT, "%-16s %-26s %-26s %-13s %-14s %s%n", "offer-locations",
                "initial feed events/s", "steady events/s", "app RSS MiB", "state MiB", "correct"));
        for (final BenchResults.ScalePoint point : results.scale()) {
            final long initial = point.data().workload().initialEvents();
            final long steady = point.data().workload().steadyEvents();
            final Spread initialRate = Spread.of(point.runs(), run -> initial / run.initialSeconds());
            final Spread steadyRate = Spread.of(point.runs(), run -> run.steadyEventsPerSecond(steady));
            text.append(String.format(Locale.ROOT, "%-16s %-26s %-26s %-13.0f %-14.0f %s%n",
                    String.format(Locale.ROOT, "%,d", point.offerLocations()), spread(initialRate), spread(steadyRate),
                    Spread.of(point.runs(), run -> run.appPeakRssBytes() / 1048576.0).max(),
                    Spread.of(point.runs(), run -> run.stateBytes() / 1048576.0).max(),
                    point.runs().stream().allMatch(RunResult::correct) && !point.runs().isEmpty() ? "yes" : "NO"));
        }
    }

    private static String spread(final Spread spread) {
        return String.format(Locale.ROOT, "%,.0f (%,.0f-%,.0f)", spread.median(), spread.min(), spread.max());
    }

    private void appendProfile(final StringBuilder text) {
        final BenchResults.Profile profile = results.profile();
        if (profile != null) {
            text.append(String.format(Locale.ROOT, "%nProfile of one Stockflow EOS run (%,d events/s while recording,"
                    + " %s):%n", Math.round(profile.run().eventsPerSecond()), profile.recording()));
            text.append(JfrSummary.describe(profile.summary()).lines().limit(40)
                    .map(line -> "  " + line).reduce("", (a, b) -> a + b + "\n"));
        }
    }
}
