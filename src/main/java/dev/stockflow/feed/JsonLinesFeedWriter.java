package dev.stockflow.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stockflow.offer.Input;
import dev.stockflow.workload.GeneratedEvent;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes input records as a JSON Lines feed that {@link JsonLinesFeedParser} reads back: one object per
 * line, {@code type} first, every field of the record (salePrice only when set), occurredAt as an ISO-8601
 * instant. Give it a buffered writer; closing this closes it.
 */
public final class JsonLinesFeedWriter implements Closeable, Flushable {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;

    public JsonLinesFeedWriter(final Writer out) throws IOException {
        json = FACTORY.createGenerator(out);
        json.setRootValueSeparator(null);
    }

    /**
     * Writes the event's value as one line, unless the line would not tell the truth about it: a feed line
     * has no key of its own (it is derived from partnerId and sku), so an event whose key is not its
     * value's offer key cannot be written.
     *
     * @return whether the line was written
     */
    public boolean write(final GeneratedEvent event) throws IOException {
        if (!event.key().equals(FeedRecords.offerKey(event.value()))) {
            return false;
        }
        write(event.value());
        return true;
    }

    /**
     * Writes an input record as one line: its input's type name, then every field of its schema in schema
     * order, as {@link JsonLinesFeedParser} reads them; an optional field without a value is left out.
     */
    public void write(final SpecificRecord record) throws IOException {
        final Input input = FeedRecords.inputOf(record);
        json.writeStartObject();
        json.writeStringField("type", input.typeName());
        for (final Schema.Field field : record.getSchema().getFields()) {
            writeField(field, record.get(field.pos()));
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    /** Times as ISO-8601 instants, numbers as numbers, text and enum symbols as strings. */
    private void writeField(final Schema.Field field, final Object value) throws IOException {
        final String name = field.name();
        if (value == null) {
            if (!field.schema().isNullable()) {
                json.writeNullField(name);
            }
        } else if (value instanceof Instant instant) {
            json.writeStringField(name, instant.toString());
        } else if (value instanceof Integer number) {
            json.writeNumberField(name, number);
        } else if (value instanceof Long number) {
            json.writeNumberField(name, number);
        } else if (value instanceof CharSequence || value instanceof Enum<?>) {
            json.writeStringField(name, value.toString());
        } else {
            throw new IllegalArgumentException("a feed line cannot hold field " + name + " of type "
                    + value.getClass().getName());
        }
    }
}
