package dev.stockflow.cli;

import dev.stockflow.workload.WorkloadSettings;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The shape of a synthetic workload, shared by {@code generate} and {@code demo}. */
public final class WorkloadOptions {

    @Option(names = "--seed", defaultValue = "42",
            description = "Random seed; the same seed gives the same sequence of events (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--partners", defaultValue = "20", description = "Partners (default ${DEFAULT-VALUE}).")
    int partners;

    @Option(names = "--offers", defaultValue = "10000", description = "Distinct offers (default ${DEFAULT-VALUE}).")
    int offers;

    @Option(names = "--locations", defaultValue = "3", description = "Locations per offer (default ${DEFAULT-VALUE}).")
    int locations;

    @Option(names = "--channels", defaultValue = "4",
            description = "Sales channels per offer (default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--order-share", paramLabel = "SHARE", defaultValue = "0.1",
            description = "Share of events that are order lines, placed on hot offers (about 5% of them cancellations)"
                    + " and settled by the partners' next counts; 0 for none (default ${DEFAULT-VALUE}).")
    double orderShare;

    @Option(names = "--start", paramLabel = "TIME", converter = InstantConverter.class,
            description = "occurredAt of the first event, ISO-8601 or epoch ms: with the same --seed, the same events "
                    + "to the byte (default: early enough that the last event is about now).")
    Instant start;

    /**
     * Refuses values no workload can have, as a usage error (exit code 2) naming the option, before anything starts.
     */
    void check(final CommandLine command) {
        require(command, partners >= 1, "--partners must be at least 1, was " + partners);
        require(command, offers >= partners, "--offers must be at least --partners (" + partners + "), was " + offers);
        require(command, locations >= 1, "--locations must be at least 1, was " + locations);
        require(command, channels >= 1, "--channels must be at least 1, was " + channels);
        require(command, orderShare >= 0 && orderShare <= WorkloadSettings.MAX_ORDER_SHARE,
                "--order-share must be between 0 and " + WorkloadSettings.MAX_ORDER_SHARE + ", was " + orderShare);
    }

    /** Throws a usage error with the message unless the condition holds. */
    static void require(final CommandLine command, final boolean condition, final String message) {
        if (!condition) {
            throw new CommandLine.ParameterException(command, message);
        }
    }

    /**
     * Settings whose event clock ends about now: events are spread at {@code eventsPerSecond} of event
     * time, starting early enough that the last of {@code events} is not in the future.
     */
    public WorkloadSettings settings(final long events, final double eventsPerSecond) {
        final long span = events == Long.MAX_VALUE ? 0 : (long) (events * 1000 / eventsPerSecond);
        return WorkloadSettings.builder().seed(seed).partners(partners).offers(offers)
                .locationsPerOffer(locations).channels(channels).eventsPerSecond(eventsPerSecond).orderShare(orderShare)
                .start(start != null ? start : Instant.now().minus(Duration.ofMillis(span))).build();
    }

    /** An ISO-8601 instant or epoch milliseconds, as feed files write occurredAt. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(final String value) {
            try {
                return value.matches("-?\\d+") ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
            } catch (final RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is neither an ISO-8601 instant (2026-01-31T12:00:00Z) nor epoch milliseconds");
            }
        }
    }
}
