package dev.stockflow.offer;

/**
 * The offer key, {@code partnerId + ":" + sku}, used as the Kafka key on every topic. A partnerId never
 * contains ':', so the first ':' separates the two (a sku may contain more).
 */
public final class OfferKey {

    private static final char SEPARATOR = ':';

    private OfferKey() {
    }

    public static String of(final String partnerId, final String sku) {
        return partnerId + SEPARATOR + sku;
    }

    public static String partnerId(final String offerKey) {
        return offerKey.substring(0, offerKey.indexOf(SEPARATOR));
    }

    public static String sku(final String offerKey) {
        return offerKey.substring(offerKey.indexOf(SEPARATOR) + 1);
    }

    /** Where the first ':' is in the key's UTF-8 bytes (':' is one byte that no multi-byte character holds). */
    public static int separatorIndex(final byte[] offerKey) {
        for (int i = 0; i < offerKey.length; i++) {
            if (offerKey[i] == SEPARATOR) {
                return i;
            }
        }
        throw new IllegalArgumentException("an offer key without ':'");
    }
}
