package dev.stockflow.feed;

import java.util.List;

/** The fields of one CSV record, looked up by the column names of the header. */
final class CsvFields implements FieldSource {

    private final CsvHeader header;
    private final List<String> values;

    CsvFields(final CsvHeader header, final List<String> values) {
        if (values.size() != header.size()) {
            throw new BadLineException("expected " + header.size() + " fields as named in the header, found "
                    + values.size());
        }
        this.header = header;
        this.values = values;
    }

    @Override
    public String text(final String name) {
        final int column = header.columnOf(name);
        if (column < 0) {
            throw new BadLineException("missing field '" + name + "'");
        }
        return values.get(column);
    }

    /** CSV cannot tell an empty field from an absent one: both are null here. */
    @Override
    public String optionalText(final String name) {
        final int column = header.columnOf(name);
        if (column < 0 || values.get(column).isEmpty()) {
            return null;
        }
        return values.get(column);
    }

    @Override
    public int intValue(final String name) {
        final String text = text(name);
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw notAnInteger(name, text);
        }
    }

    @Override
    public long longValue(final String name) {
        final String text = text(name);
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException e) {
            throw notAnInteger(name, text);
        }
    }

    @Override
    public Long optionalLong(final String name) {
        return optionalText(name) == null ? null : longValue(name);
    }

    @Override
    public long epochMillis(final String name) {
        return OccurredAt.parse(text(name));
    }

    private static BadLineException notAnInteger(final String name, final String text) {
        return new BadLineException(name + " must be an integer, was '" + BadLineException.shorten(text) + "'");
    }
}
