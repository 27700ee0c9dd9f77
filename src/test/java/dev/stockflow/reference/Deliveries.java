package dev.stockflow.reference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Arranges a set of events into a delivery sequence, with redeliveries, the way Kafka might. */
public final class Deliveries {

    private Deliveries() {
    }

    /** Any order at all; about one event in four is delivered two or three times. */
    public static List<KeyedEvent> inAnyOrder(final List<KeyedEvent> events, final Random random) {
        final List<KeyedEvent> deliveries = new ArrayList<>();
        for (final KeyedEvent event : events) {
            for (int copy = copiesOf(random); copy > 0; copy--) {
                deliveries.add(event);
            }
        }
        Collections.shuffle(deliveries, random);
        return deliveries;
    }

    /**
     * Each offer's events first arrive in version order (occurredAt, then eventId), the offers randomly
     * interleaved; redeliveries of an event come anywhere after its first delivery.
     */
    public static List<KeyedEvent> inVersionOrderPerOffer(final List<KeyedEvent> events, final Random random) {
        final Map<String, List<KeyedEvent>> byOffer = new TreeMap<>();
        final List<String> turns = new ArrayList<>();
        for (final KeyedEvent event : events) {
            byOffer.computeIfAbsent(event.offerKey(), k -> new ArrayList<>()).add(event);
            turns.add(event.offerKey());
        }
        final Map<String, Deque<KeyedEvent>> queues = new TreeMap<>();
        byOffer.forEach((key, offerEvents) -> {
            offerEvents.sort((a, b) -> ReferenceModel.compareVersions(a.event(), b.event()));
            queues.put(key, new ArrayDeque<>(offerEvents));
        });
        Collections.shuffle(turns, random);
        final List<KeyedEvent> deliveries = new ArrayList<>();
        for (final String key : turns) {
            deliveries.add(queues.get(key).removeFirst());
        }
        for (final KeyedEvent event : events) {
            for (int copy = copiesOf(random) - 1; copy > 0; copy--) {
                final int after = deliveries.indexOf(event) + 1;
                deliveries.add(after + random.nextInt(deliveries.size() - after + 1), event);
            }
        }
        return deliveries;
    }

    private static int copiesOf(final Random random) {
        return random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
    }
}
