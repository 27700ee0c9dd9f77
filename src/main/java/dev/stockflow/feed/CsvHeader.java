package dev.stockflow.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header row of a CSV stock feed: which column holds which field. Columns may come in any order;
 * names are matched ignoring case and surrounding spaces.
 */
final class CsvHeader {

    static final List<String> REQUIRED = List.of("partnerId", "sku", "locationId", "quantity", "occurredAt");
    static final List<String> OPTIONAL = List.of("eventId");

    private final List<String> fieldByColumn;

    private CsvHeader(final List<String> fieldByColumn) {
        this.fieldByColumn = fieldByColumn;
    }

    /** Reads a header row; fails naming every missing, unknown or repeated column. */
    static CsvHeader of(final List<String> names) {
        final List<String> fields = new ArrayList<>(names.size());
        final List<String> problems = new ArrayList<>();
        for (final String name : names) {
            final String field = fieldNamed(name.strip());
            if (field == null) {
                problems.add("unknown column '" + BadLineException.shorten(name) + "'");
            } else if (fields.contains(field)) {
                problems.add("repeated column '" + field + "'");
            }
            fields.add(field);
        }
        for (final String required : REQUIRED) {
            if (!fields.contains(required)) {
                problems.add("missing column '" + required + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new BadLineException("bad header (" + String.join(", ", problems) + "); expected columns "
                    + String.join(",", REQUIRED) + " and optionally " + String.join(",", OPTIONAL)
                    + "; the rest of the file was skipped");
        }
        return new CsvHeader(List.copyOf(fields));
    }

    int size() {
        return fieldByColumn.size();
    }

    /** The column holding the field, or -1. */
    int columnOf(final String field) {
        return fieldByColumn.indexOf(field);
    }

    private static String fieldNamed(final String name) {
        final String lowerCase = name.toLowerCase(Locale.ROOT);
        for (final String field : REQUIRED) {
            if (field.toLowerCase(Locale.ROOT).equals(lowerCase)) {
                return field;
            }
        }
        for (final String field : OPTIONAL) {
            if (field.toLowerCase(Locale.ROOT).equals(lowerCase)) {
                return field;
            }
        }
        return null;
    }
}
