package dev.stockflow.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Everything one benchmark measured, filled in as it goes. */
final class BenchResults {

    /** The scale run at one number of distinct offer-locations. */
    record ScalePoint(int offerLocations, Dataset data, List<RunResult> runs) {
    }

    /** The profiled run and where its time went. */
    record Profile(RunResult run, JfrSummary.Summary summary, String recording) {
    }

    private final Map<BenchCase, List<RunResult>> runs = new EnumMap<>(BenchCase.class);
    private final List<ScalePoint> scale = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private Dataset data;
    private Dataset ordersData;
    private LatencyCase.Result latency;
    private Profile profile;

    void dataset(final Dataset value) {
        data = value;
    }

    Dataset dataset() {
        return data;
    }

    /** The data set with order lines, or null when no case ran over it. */
    void ordersDataset(final Dataset value) {
        ordersData = value;
    }

    Dataset ordersDataset() {
        return ordersData;
    }

    void add(final RunResult result) {
        runs.computeIfAbsent(BenchCase.byId(result.caseId()), ignored -> new ArrayList<>()).add(result);
    }

    List<RunResult> runs(final BenchCase benchCase) {
        return runs.getOrDefault(benchCase, List.of());
    }

    void latency(final LatencyCase.Result value) {
        latency = value;
    }

    LatencyCase.Result latency() {
        return latency;
    }

    void profile(final Profile value) {
        profile = value;
    }

    Profile profile() {
        return profile;
    }

    void scale(final ScalePoint point) {
        scale.add(point);
    }

    List<ScalePoint> scale() {
        return List.copyOf(scale);
    }

    void failed(final String what) {
        failures.add(what);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** No run failed and every output was right. */
    boolean allCorrect() {
        final boolean mainRight = runs.values().stream().flatMap(List::stream).allMatch(RunResult::correct);
        final boolean scaleRight = scale.stream().flatMap(point -> point.runs().stream()).allMatch(RunResult::correct);
        return failures.isEmpty() && mainRight && scaleRight;
    }
}
