package dev.stockflow.http;

import dev.stockflow.status.HistoryPoint;
import dev.stockflow.status.LatencyCounts;
import dev.stockflow.status.LatencyFigures;
import dev.stockflow.status.PartitionLag;
import dev.stockflow.status.Rates;
import dev.stockflow.status.RestorationFigures;
import dev.stockflow.status.StatusReport;
import dev.stockflow.status.Totals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Status reports with known figures, for the HTTP side of the status page. */
final class StatusReports {

    static final long TIME = 1_765_000_000_000L;

    private StatusReports() {
    }

    /** A running instance restoring two partitions, with lag on two input partitions and two history points. */
    static StatusReport sample() {
        return sample(Optional.of(new RestorationFigures(true, 2, 1_000, 3_000, 250.5, OptionalLong.of(12))));
    }

    static StatusReport sample(final Optional<RestorationFigures> restoration) {
        final Map<String, Double> outcomeRates = new LinkedHashMap<>();
        outcomeRates.put("changed", 120.5);
        outcomeRates.put("unchanged", 30.0);
        outcomeRates.put("stale", 1.0 / 3);
        outcomeRates.put("duplicate", 2.0);
        outcomeRates.put("invalid", 0.2);
        final Map<String, Long> outcomeTotals = new LinkedHashMap<>();
        outcomeTotals.put("changed", 5_000L);
        outcomeTotals.put("unchanged", 1_000L);
        outcomeTotals.put("stale", 7L);
        outcomeTotals.put("duplicate", 90L);
        outcomeTotals.put("invalid", 3L);
        final Map<String, Double> orderRates = new LinkedHashMap<>();
        orderRates.put("changed", 12.5);
        orderRates.put("unchanged", 3.0);
        orderRates.put("stale", 0.0);
        orderRates.put("duplicate", 0.5);
        orderRates.put("invalid", 0.0);
        final Map<String, Long> orderTotals = new LinkedHashMap<>();
        orderTotals.put("changed", 400L);
        orderTotals.put("unchanged", 90L);
        orderTotals.put("stale", 0L);
        orderTotals.put("duplicate", 10L);
        orderTotals.put("invalid", 1L);
        return new StatusReport("stockflow-1:8080", "RUNNING", TIME, 5.0,
                new Rates(outcomeRates, 153.033, orderRates, 100.0, 0.5, 0.2, Map.of("undecodable", 0.2)),
                new Totals(outcomeTotals, orderTotals, 4_000, 12, Map.of("undecodable", 3L),
                        new LatencyCounts(new double[] {0.1, Double.POSITIVE_INFINITY}, new long[] {4_000, 0})),
                List.of(new PartitionLag("stock-updates", 0, 40), new PartitionLag("price-updates", 1, 2)),
                restoration, new LatencyFigures(60.0, 2_400, 12.5, 48.25, Double.NaN),
                List.of(new HistoryPoint(TIME - 1_000, 150.0, 99.0, 0.0, 50),
                        new HistoryPoint(TIME, 156.0, 101.0, 1.0, 42)));
    }
}
