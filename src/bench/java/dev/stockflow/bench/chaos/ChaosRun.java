package dev.stockflow.bench.chaos;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One chaos run, start to end: the lab, the mode's scenario, the check of what it left, the judgement. */
final class ChaosRun {

    /** At least this share of the kills must throw uncommitted work away, or they prove little. */
    static final double MIN_SHARE_OF_KILLS_WITH_WORK_LEFT = 0.8;
    private static final Logger LOG = LoggerFactory.getLogger(ChaosRun.class);

    private ChaosRun() {
    }

    static ChaosResult execute(final ChaosSettings settings) throws IOException {
        final Instant startedAt = Instant.now();
        final List<String> failures = new ArrayList<>();
        final Map<String, Object> figures = new LinkedHashMap<>();
        FaultLog faults = new FaultLog();
        Verification verification = null;
        try (ChaosLab lab = ChaosLab.open(settings)) {
            final Scenario scenario = scenario(lab, figures);
            try {
                faults = scenario.run();
            } catch (final RuntimeException e) {
                LOG.error("The chaos run stopped", e);
                failures.add("the run stopped: " + e.getMessage());
            }
            if (failures.isEmpty()) {
                LOG.info("Reading the input and the output back and checking them");
                final ChaosOutput output = ChaosOutput.read(lab.broker().bootstrapServers(), lab.registry());
                verification = new ChaosVerifier(settings.nodeBudget()).verify(output);
                judgeInput(settings, faults, verification, failures);
                scenario.check(output, failures);
            }
        }
        return new ChaosResult(settings, startedAt, System.currentTimeMillis() - startedAt.toEpochMilli(), faults,
                verification, figures, failures);
    }

    private static Scenario scenario(final ChaosLab lab, final Map<String, Object> figures) {
        return switch (lab.settings().mode()) {
            case EOS, ALOS -> new KillScenario(lab);
            case FAILOVER -> new FailoverScenario(lab, figures);
            case SCALE_OUT -> new ScaleOutScenario(lab, figures);
        };
    }

    /** Whether the run was the test it was meant to be: enough events, kills that threw work away. */
    private static void judgeInput(final ChaosSettings settings, final FaultLog faults,
                                   final Verification verification, final List<String> failures) {
        if (verification.inputRecords() < settings.events()) {
            failures.add("only " + verification.inputRecords() + " input events, " + settings.events() + " asked for");
        }
        final long kills = faults.kills().size();
        if (kills > 0 && faults.killsWithWorkLeft() < MIN_SHARE_OF_KILLS_WITH_WORK_LEFT * kills) {
            failures.add("only " + faults.killsWithWorkLeft() + " of " + kills + " kills landed with input left "
                    + "uncommitted");
        }
    }
}
