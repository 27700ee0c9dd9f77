package dev.stockflow.serde;

import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads wire-format bytes of any registered compatible schema; see {@link WireFormatSerde}. */
final class WireFormatDeserializer<T extends IndexedRecord> implements Deserializer<T> {

    private final AvroWireFormat<T> format;

    WireFormatDeserializer(final AvroWireFormat<T> format) {
        this.format = format;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        // The writer's schema id is in the bytes, so reading needs no subject.
    }

    @Override
    public T deserialize(final String topic, final byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return format.decode(bytes);
        } catch (final UndecodableException e) {
            throw new SerializationException("Cannot read a " + format.schema().getFullName() + " from topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }
}
