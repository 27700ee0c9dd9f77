package dev.stockflow.cli;

import dev.stockflow.feed.WorkloadSettings;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** The shape of a synthetic workload, shared by {@code generate} and {@code demo}. */
public final class WorkloadOptions {

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same events (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--partners", defaultValue = "20", description = "Partners (default ${DEFAULT-VALUE}).")
    int partners;

    @Option(names = "--offers", defaultValue = "10000", description = "Distinct offers (default ${DEFAULT-VALUE}).")
    int offers;

    @Option(names = "--locations", defaultValue = "3", description = "Locations per offer (default ${DEFAULT-VALUE}).")
    int locations;

    @Option(names = "--channels", defaultValue = "4", description = "Sales channels per offer (default ${DEFAULT-VALUE}).")
    int channels;

    /**
     * Settings whose event clock ends about now: events are spread at {@code eventsPerSecond} of event
     * time, starting early enough that the last of {@code events} is not in the future.
     */
    public WorkloadSettings settings(final long events, final double eventsPerSecond) {
        final long span = events == Long.MAX_VALUE ? 0 : (long) (events * 1000 / eventsPerSecond);
        return WorkloadSettings.builder().seed(seed).partners(partners).offers(offers)
                .locationsPerOffer(locations).channels(channels).eventsPerSecond(eventsPerSecond)
                .start(Instant.now().minus(Duration.ofMillis(span))).build();
    }
}
