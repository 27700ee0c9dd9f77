package dev.stockflow.bench;

import dev.stockflow.workload.GeneratedEvent;
import dev.stockflow.workload.WorkloadGenerator;
import dev.stockflow.workload.WorkloadSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The input of one benchmark data set, as a replayable sequence: optionally an initial full stock feed
 * (one event per offer-location, for the scale runs), then {@code steadyEvents} events of the
 * {@code generate} workload. The generator is seeded, so every replay yields the very same events: the
 * preload sends them once, the reference model replays them as often as it needs.
 *
 * @param settings     the generator settings, clock included
 * @param initialStock whether the input starts with a full stock feed of every offer-location
 * @param steadyEvents how many workload events follow
 */
record Workload(WorkloadSettings settings, boolean initialStock, long steadyEvents) {

    /** The event clock of preloaded data: fast enough to keep the whole input within minutes of event time. */
    static final double PRELOAD_EVENTS_PER_SECOND = 10_000;

    /**
     * A workload whose event clock ends about now, so that nothing is in the future when it is processed
     * and the whole input spans far less than the delisting retention.
     */
    static Workload endingNow(final WorkloadSettings.Builder shape, final boolean initialStock,
                              final long steadyEvents) {
        final WorkloadSettings draft = shape.eventsPerSecond(PRELOAD_EVENTS_PER_SECOND).build();
        final long fill = initialStock ? (long) draft.offers() * draft.locationsPerOffer() : 0;
        final long spanMillis = (long) ((fill + steadyEvents) * 1000 / PRELOAD_EVENTS_PER_SECOND);
        final Instant start = Instant.now().minus(Duration.ofMillis(spanMillis));
        return new Workload(shape.start(start).build(), initialStock, steadyEvents);
    }

    /** How many events the initial full stock feed has (0 without one). */
    long initialEvents() {
        return initialStock ? (long) settings.offers() * settings.locationsPerOffer() : 0;
    }

    long totalEvents() {
        return initialEvents() + steadyEvents;
    }

    /** How far apart in event time the first and last events are, roughly. */
    Duration eventTimeSpan() {
        return Duration.ofMillis((long) (totalEvents() * 1000 / settings.eventsPerSecond()));
    }

    /** Replays every event in order; {@code afterInitialStock} runs between the two phases. */
    void replay(final Consumer<GeneratedEvent> sink, final Runnable afterInitialStock) {
        final WorkloadGenerator generator = new WorkloadGenerator(settings);
        if (initialStock) {
            for (int offer = 0; offer < settings.offers(); offer++) {
                for (int location = 0; location < settings.locationsPerOffer(); location++) {
                    sink.accept(generator.initialStock(offer, location));
                }
            }
        }
        afterInitialStock.run();
        for (long i = 0; i < steadyEvents; i++) {
            sink.accept(generator.next());
        }
    }

    void replay(final Consumer<GeneratedEvent> sink) {
        replay(sink, () -> { });
    }
}
