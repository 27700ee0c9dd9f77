package dev.stockflow.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * A sales channel of the synthetic workload, with its currency and a rough exchange rate from euros
 * so that prices look plausible in each currency.
 */
public record SalesChannel(String name, String currency, double perEuro) {

    private static final List<SalesChannel> KNOWN = List.of(
            new SalesChannel("zalando-de", "EUR", 1.0),
            new SalesChannel("zalando-ch", "CHF", 0.95),
            new SalesChannel("zalando-pl", "PLN", 4.3),
            new SalesChannel("zalando-uk", "GBP", 0.85),
            new SalesChannel("zalando-fr", "EUR", 1.0),
            new SalesChannel("zalando-it", "EUR", 1.0),
            new SalesChannel("zalando-nl", "EUR", 1.0),
            new SalesChannel("zalando-se", "SEK", 11.5),
            new SalesChannel("zalando-dk", "DKK", 7.46),
            new SalesChannel("zalando-cz", "CZK", 25.0),
            new SalesChannel("zalando-no", "NOK", 11.7),
            new SalesChannel("zalando-at", "EUR", 1.0));

    /** The first {@code count} channels: the known ones first, then numbered euro channels. */
    public static List<SalesChannel> first(final int count) {
        final List<SalesChannel> channels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            channels.add(i < KNOWN.size() ? KNOWN.get(i) : new SalesChannel("channel-" + (i + 1), "EUR", 1.0));
        }
        return List.copyOf(channels);
    }
}
