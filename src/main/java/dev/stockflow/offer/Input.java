package dev.stockflow.offer;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import org.apache.avro.specific.SpecificRecord;

/**
 * The input streams, each defined here once with everything that tells it apart: its topic (setting and
 * default name), its Avro record and how that record is read ({@link InputRecordType}), its
 * {@code type} name in JSON Lines feeds, and its index in the stored state. The rest of Stockflow
 * (topology, metrics, configuration, feed, producer) loops over {@link #values()}, so a new input is a
 * new constant here plus its rules: an {@link InputRules} check, an {@link OfferEvent} and how
 * {@link OfferState} applies it.
 *
 * <p>The ordinal indexes per-input arrays that live only in memory (counters). {@link #stateIndex()} is
 * part of the stored state format (the applied input offsets of each stored offer), so an input keeps its
 * index for ever: a new input takes the next one, and the state codec then needs a new format version
 * that still reads states stored with fewer offsets.
 */
public enum Input {

    /** {@code StockUpdate}: absolute quantity at one location. */
    STOCK("stock-updates", "stock", 0, new InputRecordType<>(StockUpdate.class, InputRules::check,
            StockUpdate::getPartnerId, StockUpdate::getSku, StockUpdate::getOccurredAt, InputEvents::of)),
    /** {@code PriceUpdate}: price on one sales channel. */
    PRICE("price-updates", "price", 1, new InputRecordType<>(PriceUpdate.class, InputRules::check,
            PriceUpdate::getPartnerId, PriceUpdate::getSku, PriceUpdate::getOccurredAt, InputEvents::of)),
    /** {@code OfferDelisted}: the partner withdrew the offer. */
    DELISTING("offer-delistings", "delist", 2, new InputRecordType<>(OfferDelisted.class, InputRules::check,
            OfferDelisted::getPartnerId, OfferDelisted::getSku, OfferDelisted::getOccurredAt, InputEvents::of)),
    /** {@code OrderLineEvent}: an order line placed or cancelled; reserves stock until the partner counts it. */
    ORDER("order-events", "order", 3, new InputRecordType<>(OrderLineEvent.class, InputRules::check,
            OrderLineEvent::getPartnerId, OrderLineEvent::getSku, OrderLineEvent::getOccurredAt, InputEvents::of));

    /** Every input topic's setting is this prefix and the topic's default name. */
    private static final String TOPIC_CONFIG_PREFIX = "topic.";

    private final String defaultTopic;
    private final String typeName;
    private final int stateIndex;
    private final InputRecordType<?> recordType;

    Input(final String defaultTopic, final String typeName, final int stateIndex,
          final InputRecordType<?> recordType) {
        this.defaultTopic = defaultTopic;
        this.typeName = typeName;
        this.stateIndex = stateIndex;
        this.recordType = recordType;
    }

    /** The topic's name unless configured otherwise. */
    public String defaultTopic() {
        return defaultTopic;
    }

    /** The setting that names the topic, {@code topic.<default name>}. */
    public String configKey() {
        return TOPIC_CONFIG_PREFIX + defaultTopic;
    }

    /** The value of the {@code type} field in a JSON Lines feed (case-sensitive). */
    public String typeName() {
        return typeName;
    }

    /** The index of this input's applied offset in the stored state; never changes (see above). */
    public int stateIndex() {
        return stateIndex;
    }

    /** How this input's Avro record is read. */
    public InputRecordType<?> recordType() {
        return recordType;
    }

    /** The Avro record class of this input's values. */
    public Class<? extends SpecificRecord> recordClass() {
        return recordType.type();
    }

    /** The input whose JSON Lines {@code type} name this is, or null when there is none. */
    public static Input ofTypeName(final String typeName) {
        for (final Input input : values()) {
            if (input.typeName.equals(typeName)) {
                return input;
            }
        }
        return null;
    }

    /** The input whose values are records of this kind, or null when it is no input record. */
    public static Input ofRecord(final SpecificRecord record) {
        for (final Input input : values()) {
            if (input.recordType.isTypeOf(record)) {
                return input;
            }
        }
        return null;
    }
}
