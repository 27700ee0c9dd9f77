package dev.stockflow.runtime;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.config.StockflowConfig;
import dev.stockflow.feed.FeedKind;
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
    private final TopologySettings topics;
    private final AvroWireFormat<StockUpdate> stockFormat;
    private final AvroWireFormat<PriceUpdate> priceFormat;
    private final AvroWireFormat<OfferDelisted> delistingFormat;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    public InputProducer(final StockflowConfig config, final SchemaRegistryClient registry) {
        this.topics = config.topologySettings();
        final Map<String, String> registrySettings = config.registrySettings();
        this.stockFormat = WireFormatSerde.wireFormat(StockUpdate.class, registry, registrySettings);
        this.priceFormat = WireFormatSerde.wireFormat(PriceUpdate.class, registry, registrySettings);
        this.delistingFormat = WireFormatSerde.wireFormat(OfferDelisted.class, registry, registrySettings);
        this.producer = new KafkaProducer<>(KafkaClientSettings.producer(config, DEFAULTS), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Sends one event; the key is taken as given, so a mismatching key reaches the processor as such. */
    public void send(final FeedKind kind, final String key, final SpecificRecord value, final long occurredAt) {
        final String topic = topics.topicOf(kind.input());
        final byte[] bytes = encode(kind, topic + "-value", value);
        producer.send(new ProducerRecord<>(topic, null, occurredAt, key.getBytes(StandardCharsets.UTF_8), bytes),
                (metadata, exception) -> {
                    if (exception == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, exception.toString());
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

    /** The first send failure, or null. */
    public String firstError() {
        return firstError.get();
    }

    private byte[] encode(final FeedKind kind, final String subject, final SpecificRecord value) {
        return switch (kind) {
            case STOCK -> stockFormat.encode(subject, (StockUpdate) value);
            case PRICE -> priceFormat.encode(subject, (PriceUpdate) value);
            case DELIST -> delistingFormat.encode(subject, (OfferDelisted) value);
        };
    }

    /** Sends what is buffered, waiting at most {@link #CLOSE_TIMEOUT} for a broker that does not answer. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
