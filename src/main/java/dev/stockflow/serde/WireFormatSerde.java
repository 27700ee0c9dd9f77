package dev.stockflow.serde;

import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializers, deserializers and serdes over {@link AvroWireFormat}, with Confluent's
 * TopicNameStrategy: the subject is {@code <topic>-value} ({@code <topic>-key} if configured as a key).
 *
 * <p>A null record is written as null bytes and null bytes read as a null record, so tombstones pass
 * through. Bytes that are not a decodable record fail with Kafka's {@code SerializationException}
 * (caused by {@link UndecodableException}); a registry that cannot be asked fails with
 * {@link SchemaRegistryException}, since retrying later may succeed. The registry client belongs to
 * the caller: closing a serde does not close it.
 */
public final class WireFormatSerde {

    private WireFormatSerde() {
    }

    /** The wire format of a generated record class, registering its schema if {@code auto.register.schemas}. */
    public static <T extends SpecificRecord> AvroWireFormat<T> wireFormat(final Class<T> type,
            final SchemaRegistryClient registry, final Map<String, ?> config) {
        return new AvroWireFormat<>(registry, SpecificData.get().getSchema(type),
                SchemaRegistrySettings.autoRegisterSchemas(config));
    }

    /** A serde for a generated record class; see {@link #wireFormat}. */
    public static <T extends SpecificRecord> Serde<T> serde(final Class<T> type, final SchemaRegistryClient registry,
            final Map<String, ?> config) {
        return serde(wireFormat(type, registry, config));
    }

    public static <T extends IndexedRecord> Serde<T> serde(final AvroWireFormat<T> format) {
        return Serdes.serdeFrom(serializer(format), deserializer(format));
    }

    public static <T extends IndexedRecord> Serializer<T> serializer(final AvroWireFormat<T> format) {
        return new WireFormatSerializer<>(format);
    }

    public static <T extends IndexedRecord> Deserializer<T> deserializer(final AvroWireFormat<T> format) {
        return new WireFormatDeserializer<>(format);
    }

    /** TopicNameStrategy. */
    static String subject(final String topic, final boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
