package dev.stockflow.serde;

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

    /** The setting of whether writers register their record's schema when the registry lacks it. */
    public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
    /** Writers register their schema unless told not to, as Confluent's serializers do. */
    public static final boolean AUTO_REGISTER_SCHEMAS_DEFAULT = true;

    private WireFormatSerde() {
    }

    /**
     * The wire format of a generated record class.
     *
     * @param autoRegisterSchemas whether writing registers the schema when the registry lacks it
     *                            ({@code auto.register.schemas}); otherwise it must be registered already
     */
    public static <T extends SpecificRecord> AvroWireFormat<T> wireFormat(final Class<T> type,
            final SchemaRegistryClient registry, final boolean autoRegisterSchemas) {
        return new AvroWireFormat<>(registry, SpecificData.get().getSchema(type), autoRegisterSchemas);
    }

    /** A serde for a generated record class; see {@link #wireFormat}. */
    public static <T extends SpecificRecord> Serde<T> serde(final Class<T> type, final SchemaRegistryClient registry,
            final boolean autoRegisterSchemas) {
        return serde(wireFormat(type, registry, autoRegisterSchemas));
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
