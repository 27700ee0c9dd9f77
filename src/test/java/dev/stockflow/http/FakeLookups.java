package dev.stockflow.http;

import dev.stockflow.query.OfferLookup;
import dev.stockflow.query.OfferLookups;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Answers every lookup with what {@code answer} gives for its localOnly flag, and remembers the calls. */
final class FakeLookups implements OfferLookups {

    final List<String> asked = new CopyOnWriteArrayList<>();
    private final Function<Boolean, OfferLookup> answer;

    FakeLookups(final Function<Boolean, OfferLookup> answer) {
        this.answer = answer;
    }

    @Override
    public OfferLookup lookup(final String partnerId, final String sku, final boolean localOnly) {
        asked.add(partnerId + "|" + sku + "|local=" + localOnly);
        return answer.apply(localOnly);
    }

    @Override
    public OfferLookup lookupState(final String partnerId, final String sku, final boolean localOnly) {
        asked.add("state:" + partnerId + "|" + sku + "|local=" + localOnly);
        return answer.apply(localOnly);
    }

    @Override
    public String instance() {
        return "fake-instance:8080";
    }
}
