package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.offer.Input;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.WireFormatSerde;
import dev.stockflow.topology.TopologySettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces input events to their topics in the registry wire format, keyed by offer key, with the
 * record timestamp set to the event's occurredAt. Idempotent, lz4-compressed and batched; failures
 * are counted, not thrown, so a long feed reports them all at the end.
 */
public final class InputProducer implements AutoCloseable {

    /** Bounds a close, so that Ctrl-C ends a demo or a feed within seconds even when the broker is gone. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);

    private final KafkaProducer<byte[], byte[]> producer;
    /** Indexed by {@link Input#ordinal()}. */
    private final TopicEncoder<?>[] encoders = new TopicEncoder<?>[Input.values().length];
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final KafkaAccess access;

    public InputProducer(final StockflowConfig config, final SchemaRegistryClient registry) {
        final TopologySettings topics = config.topologySettings();
        for (final Input input : Input.values()) {
            encoders[input.ordinal()] = TopicEncoder.of(topics.topicOf(input), input.recordType().type(), registry,
                    config.autoRegisterSchemas());
        }
        this.producer = new KafkaProducer<>(KafkaClientSettings.producer(config, DEFAULTS), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.access = KafkaAccess.of(config);
    }

    /**
     * Sends one event; the key is taken as given, so a mismatching key reaches the processor as such.
     *
     * @throws ClassCastException the value is not the input's record
     */
    public void send(final Input input, final String key, final SpecificRecord value, final long occurredAt) {
        final TopicEncoder<?> encoder = encoders[input.ordinal()];
        final byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(encoder.topic, null, occurredAt, keyBytes, encoder.encode(value)),
                (metadata, exception) -> {
                    if (exception == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, access.onTopic(exception, AclOperation.WRITE, encoder.topic,
                                AclOperation.WRITE).map(Throwable::getMessage).orElse(exception.toString()));
                    }
                });
    }

    /** Waits until everything sent so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long failed() {
        return failed.get();
    }

    /** The first send failure (a refused permission as one line naming it), or null. */
    public String firstError() {
        return firstError.get();
    }

    /** Sends what is buffered, waiting at most {@link #CLOSE_TIMEOUT} for a broker that does not answer. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }

    /** One input topic with the wire format of its record, registered under {@code <topic>-value}. */
    private static final class TopicEncoder<T extends SpecificRecord> {
        private final String topic;
        private final String subject;
        private final Class<T> type;
        private final AvroWireFormat<T> format;

        private TopicEncoder(final String topic, final Class<T> type, final AvroWireFormat<T> format) {
            this.topic = topic;
            this.subject = topic + "-value";
            this.type = type;
            this.format = format;
        }

        static <T extends SpecificRecord> TopicEncoder<T> of(final String topic, final Class<T> type,
                final SchemaRegistryClient registry, final boolean autoRegisterSchemas) {
            return new TopicEncoder<>(topic, type, WireFormatSerde.wireFormat(type, registry, autoRegisterSchemas));
        }

        byte[] encode(final SpecificRecord value) {
            return format.encode(subject, type.cast(value));
        }
    }
}
