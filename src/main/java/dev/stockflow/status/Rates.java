package dev.stockflow.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What happened per second between two {@link Totals}, with the same keys. */
public record Rates(Map<String, Double> eventsByOutcome, double events, Map<String, Double> orderEventsByOutcome,
                    double snapshots, double tombstones, double deadLetters, Map<String, Double> deadLettersByCode) {

    public Rates {
        eventsByOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(eventsByOutcome));
        orderEventsByOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(orderEventsByOutcome));
        deadLettersByCode = Collections.unmodifiableMap(new LinkedHashMap<>(deadLettersByCode));
    }

    /** The rates from {@code earlier} to {@code later}, {@code seconds} apart; all 0 when no time passed. */
    public static Rates between(final Totals earlier, final Totals later, final double seconds) {
        final double per = seconds > 0 ? 1 / seconds : 0;
        return new Rates(perSecond(earlier.eventsByOutcome(), later.eventsByOutcome(), per),
                (later.events() - earlier.events()) * per,
                perSecond(earlier.orderEventsByOutcome(), later.orderEventsByOutcome(), per),
                (later.snapshots() - earlier.snapshots()) * per,
                (later.tombstones() - earlier.tombstones()) * per,
                (later.deadLetters() - earlier.deadLetters()) * per,
                perSecond(earlier.deadLettersByCode(), later.deadLettersByCode(), per));
    }

    /** Order events per second, whatever their outcome (part of {@link #events()}). */
    public double orderEvents() {
        return orderEventsByOutcome.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static Map<String, Double> perSecond(final Map<String, Long> earlier, final Map<String, Long> later,
                                                 final double per) {
        final Map<String, Double> rates = new LinkedHashMap<>();
        later.forEach((key, count) -> rates.put(key, (count - earlier.getOrDefault(key, 0L)) * per));
        return rates;
    }
}
