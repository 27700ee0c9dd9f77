package dev.stockflow.feed;

/**
 * The named fields of one feed line, read with the types the records need. Each getter throws
 * {@link BadLineException} when the field is missing or has the wrong form.
 */
interface FieldSource {

    String text(String name);

    /** The text, or null when the field is absent (or null, or empty where a format cannot tell). */
    String optionalText(String name);

    int intValue(String name);

    long longValue(String name);

    /** The number, or null when the field is absent or null. */
    Long optionalLong(String name);

    /** An instant as ISO-8601 text or epoch milliseconds, in epoch milliseconds; never negative. */
    long epochMillis(String name);
}
