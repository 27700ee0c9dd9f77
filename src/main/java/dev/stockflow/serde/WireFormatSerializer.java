package dev.stockflow.serde;

import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes records in the wire format under the topic's subject; see {@link WireFormatSerde}. */
final class WireFormatSerializer<T extends IndexedRecord> implements Serializer<T> {

    private final AvroWireFormat<T> format;
    private boolean isKey;

    WireFormatSerializer(final AvroWireFormat<T> format) {
        this.format = format;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(final String topic, final T record) {
        if (record == null) {
            return null;
        }
        try {
            return format.encode(WireFormatSerde.subject(topic, isKey), record);
        } catch (final SchemaRegistryException e) {
            throw e;
        } catch (final RuntimeException e) {
            // Avro reports a record that does not fit its schema (a null in a required field, ...) this way.
            throw new SerializationException("Cannot write a " + format.schema().getFullName() + " to topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }
}
