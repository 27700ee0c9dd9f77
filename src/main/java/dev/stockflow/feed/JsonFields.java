package dev.stockflow.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockflow.offer.Input;
import java.util.Iterator;
import java.util.Set;

/** The fields of one JSON Lines object. Strict about JSON types: a quantity in quotes is an error. */
final class JsonFields implements FieldSource {

    private final ObjectNode object;

    JsonFields(final ObjectNode object) {
        this.object = object;
    }

    /** Fails on the first field whose name is not in {@code allowed}. */
    void rejectUnknown(final Set<String> allowed, final Input input) {
        final Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!allowed.contains(name)) {
                throw new BadLineException("unknown field '" + BadLineException.shorten(name) + "' for type "
                        + input.typeName());
            }
        }
    }

    @Override
    public String text(final String name) {
        final JsonNode value = required(name);
        if (!value.isTextual()) {
            throw wrongType(name, "a string", value);
        }
        return value.textValue();
    }

    @Override
    public String optionalText(final String name) {
        return isAbsent(name) ? null : text(name);
    }

    @Override
    public int intValue(final String name) {
        final JsonNode value = integral(name);
        if (!value.canConvertToInt()) {
            throw outOfRange(name, value);
        }
        return value.intValue();
    }

    @Override
    public long longValue(final String name) {
        final JsonNode value = integral(name);
        if (!value.canConvertToLong()) {
            throw outOfRange(name, value);
        }
        return value.longValue();
    }

    @Override
    public Long optionalLong(final String name) {
        return isAbsent(name) ? null : longValue(name);
    }

    @Override
    public long epochMillis(final String name) {
        final JsonNode value = required(name);
        if (value.isTextual()) {
            return OccurredAt.parse(value.textValue());
        }
        if (!value.isIntegralNumber()) {
            throw wrongType(name, "an ISO-8601 string or an integer of epoch milliseconds", value);
        }
        if (!value.canConvertToLong()) {
            throw outOfRange(name, value);
        }
        return OccurredAt.checked(value.longValue());
    }

    private boolean isAbsent(final String name) {
        final JsonNode value = object.get(name);
        return value == null || value.isNull();
    }

    private JsonNode required(final String name) {
        final JsonNode value = object.get(name);
        if (value == null) {
            throw new BadLineException("missing field '" + name + "'");
        }
        return value;
    }

    private JsonNode integral(final String name) {
        final JsonNode value = required(name);
        if (!value.isIntegralNumber()) {
            throw wrongType(name, "an integer", value);
        }
        return value;
    }

    private static BadLineException wrongType(final String name, final String expected, final JsonNode value) {
        return new BadLineException(name + " must be " + expected + ", was "
                + BadLineException.shorten(value.toString()));
    }

    private static BadLineException outOfRange(final String name, final JsonNode value) {
        return new BadLineException(name + " is out of range, was " + BadLineException.shorten(value.toString()));
    }
}
