package dev.stockflow.http;

import dev.stockflow.offer.InputRules;

/**
 * The {@code {partnerId}/{sku}} part of an offer URL, decoded and checked. The partnerId cannot
 * contain '/', so everything after the first '/' is the (percent-encoded) sku.
 */
record OfferPath(String partnerId, String sku, String error) {

    static OfferPath parse(final String raw) {
        final int slash = raw.indexOf('/');
        if (slash <= 0 || slash == raw.length() - 1) {
            return invalid("expected /offers/{partnerId}/{sku}");
        }
        final String partnerId = PathDecoder.decode(raw.substring(0, slash));
        final String sku = PathDecoder.decode(raw.substring(slash + 1));
        if (partnerId == null || sku == null) {
            return invalid("the path is not valid percent-encoded UTF-8");
        }
        if (!InputRules.isPartnerId(partnerId)) {
            return invalid("partnerId must be 1-64 characters of [A-Za-z0-9._-]");
        }
        if (!InputRules.isSku(sku)) {
            return invalid("sku must be 1-128 characters without whitespace or control characters");
        }
        return new OfferPath(partnerId, sku, null);
    }

    private static OfferPath invalid(final String error) {
        return new OfferPath(null, null, error);
    }
}
