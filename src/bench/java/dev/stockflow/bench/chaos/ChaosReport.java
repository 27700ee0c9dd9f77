package dev.stockflow.bench.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a run, for people (the table {@code bench/chaos} prints, also in {@code result.txt}) and
 * for tools ({@code result.json}), and the offers that were not explained ({@code mismatches.txt}).
 */
final class ChaosReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ChaosResult result;

    ChaosReport(final ChaosResult result) {
        this.result = result;
    }

    /** Writes the files into the run's directory and returns the table. */
    String write(final Path directory) throws IOException {
        final String table = table();
        Files.writeString(directory.resolve("result.txt"), table, StandardCharsets.UTF_8);
        JSON.writeValue(directory.resolve("result.json").toFile(), json());
        final Verification verification = result.verification();
        if (verification != null && !verification.examples().isEmpty()) {
            Files.writeString(directory.resolve("mismatches.txt"), String.join("\n", verification.examples()),
                    StandardCharsets.UTF_8);
        }
        return table;
    }

    String table() {
        final ChaosSettings settings = result.settings();
        final FaultLog faults = result.faults();
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Stockflow chaos run: %s (%s)%s, %s%n%n", settings.mode().id(),
                settings.mode().guarantee(), settings.quick() ? ", short" : "", seconds(result.wallMillis())));
        if (settings.mode() == ChaosMode.EOS || settings.mode() == ChaosMode.ALOS) {
            row(text, "kills (SIGKILL)", String.format(Locale.ROOT, "%d (%d with input left uncommitted, %d inside "
                    + "an open transaction)", faults.kills().size(), faults.killsWithWorkLeft(),
                    faults.killsInsideTransactions()));
            row(text, "broker restarts (SIGKILL)", Integer.toString(faults.brokerRestarts().size()));
        }
        appendCheck(text, result.verification(), settings.mode().exactlyOnce());
        if (!faults.kills().isEmpty()) {
            row(text, "restart to processing p50 / max", pair(faults.killFigure(FaultLog.AppKill::activeMs)));
            row(text, "restart to RUNNING p50 / max", pair(faults.killFigure(FaultLog.AppKill::runningMs)));
            row(text, "restart to first commit p50 / max", pair(faults.killFigure(FaultLog.AppKill::committingMs)));
            row(text, "records restored per restart p50 / max",
                    count(faults.killFigure(FaultLog.AppKill::restoredRecords)));
        }
        if (!faults.brokerRestarts().isEmpty()) {
            row(text, "broker down p50 / max", pair(faults.brokerFigure(FaultLog.BrokerRestart::downMs)));
            row(text, "committing after broker back p50 / max",
                    pair(faults.brokerFigure(FaultLog.BrokerRestart::committingMs)));
        }
        result.figures().forEach((name, value) -> row(text, name, String.valueOf(value)));
        result.failures().forEach(failure -> text.append("FAILURE: ").append(failure).append('\n'));
        text.append(result.passed() ? "PASSED" : "FAILED").append('\n');
        return text.toString();
    }

    /** Under at-least-once, only the final values and the dead letters are judged; the rest is what happened. */
    private static void appendCheck(final StringBuilder text, final Verification check, final boolean judged) {
        if (check == null) {
            text.append("(not checked: the run stopped)\n");
            return;
        }
        row(text, "input events (order lines)", String.format(Locale.ROOT, "%,d (%,d)", check.inputRecords(),
                check.orderLines()));
        row(text, "offers", String.format(Locale.ROOT, "%,d", check.offers()));
        row(text, "snapshots checked", String.format(Locale.ROOT, "%,d", check.snapshotsChecked()));
        row(text, "offers explained / not / over budget", check.explained() + " / " + check.unexplained() + " / "
                + check.overBudget());
        final String notJudged = judged ? "" : " (not judged under at-least-once; see docs/reliability.md)";
        row(text, "lost", check.lost() + notJudged);
        row(text, "duplicated", check.duplicated() + notJudged);
        row(text, "wrong", check.wrong() + notJudged);
        row(text, "final snapshot wrong (all fields)", Long.toString(check.finalWrong()));
        row(text, "final values wrong (order-free)", Long.toString(check.finalValuesWrong()));
        row(text, "dead letters", Long.toString(check.deadLetters()));
    }

    private static void row(final StringBuilder text, final String name, final String value) {
        text.append(String.format(Locale.ROOT, "%-40s %s%n", name, value));
    }

    private static String pair(final long[] p50AndMax) {
        return p50AndMax == null ? "-" : seconds(p50AndMax[0]) + " / " + seconds(p50AndMax[1]);
    }

    private static String count(final long[] p50AndMax) {
        return p50AndMax == null ? "-"
                : String.format(Locale.ROOT, "%,d / %,d", p50AndMax[0], p50AndMax[1]);
    }

    private static String seconds(final long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A duration as seconds with one decimal, for the figures of a mode. */
    static double inSeconds(final long millis) {
        return Math.round(millis / 100.0) / 10.0;
    }

    private Map<String, Object> json() {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", result.settings().mode().id());
        json.put("guarantee", result.settings().mode().guarantee());
        json.put("short", result.settings().quick());
        json.put("passed", result.passed());
        json.put("startedAt", result.startedAt().toString());
        json.put("wallSeconds", result.wallMillis() / 1000.0);
        json.put("settings", settings(result.settings()));
        json.put("kills", kills(result.faults()));
        json.put("brokerRestarts", brokerRestarts(result.faults()));
        json.put("check", result.verification());
        json.put("figures", result.figures());
        json.put("failures", result.failures());
        return json;
    }

    private static Map<String, Object> settings(final ChaosSettings settings) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("events", settings.events());
        json.put("preload", settings.preload());
        json.put("rate", settings.rate());
        json.put("offers", settings.offers());
        json.put("partitions", settings.partitions());
        json.put("seed", settings.seed());
        json.put("orderShare", settings.orderShare());
        json.put("appKills", settings.appKills());
        json.put("brokerRestarts", settings.brokerRestarts());
        json.put("commitIntervalMs", settings.commitIntervalMs());
        json.put("sessionTimeoutMs", settings.sessionTimeoutMs());
        json.put("appSettings", settings.appSettings());
        json.put("nodeBudget", settings.nodeBudget());
        return json;
    }

    private static Map<String, Object> kills(final FaultLog faults) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", faults.kills().size());
        json.put("withWorkLeft", faults.killsWithWorkLeft());
        json.put("insideOpenTransaction", faults.killsInsideTransactions());
        json.put("restartToProcessingMs", figure(faults.killFigure(FaultLog.AppKill::activeMs)));
        json.put("restartToRunningMs", figure(faults.killFigure(FaultLog.AppKill::runningMs)));
        json.put("restartToFirstCommitMs", figure(faults.killFigure(FaultLog.AppKill::committingMs)));
        json.put("restoredRecordsPerRestart", figure(faults.killFigure(FaultLog.AppKill::restoredRecords)));
        json.put("each", faults.kills());
        return json;
    }

    private static Map<String, Object> brokerRestarts(final FaultLog faults) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", faults.brokerRestarts().size());
        json.put("downMs", figure(faults.brokerFigure(FaultLog.BrokerRestart::downMs)));
        json.put("committingAfterBackMs", figure(faults.brokerFigure(FaultLog.BrokerRestart::committingMs)));
        json.put("each", faults.brokerRestarts());
        return json;
    }

    private static Map<String, Long> figure(final long[] p50AndMax) {
        return p50AndMax == null ? null : Map.of("p50", p50AndMax[0], "max", p50AndMax[1]);
    }
}
