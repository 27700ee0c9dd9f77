package dev.stockflow.bench.peer;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.InputRules;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.WireFormatSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * THE BASELINE, not Stockflow: the same rules written the way a team typically writes them with the Kafka
 * Streams DSL, to measure Stockflow against what it would otherwise be.
 *
 * <pre>
 *   stock-updates, price-updates --validate--> re-key by slot --groupBy.aggregate (last writer wins)--> slot table
 *   slot table --re-key by offer--+
 *   offer-delistings --validate---+--groupByKey.aggregate--> offer table --> snapshot JSON
 * </pre>
 *
 * Avro input through the registry serde, JSON aggregates and output through Jackson, Kafka Streams'
 * default caching and commit interval. Bad records go to a dead-letter topic as text. It keeps the
 * Omnibus price history in the slot aggregate. It does not forget delistings after a retention period
 * (a benchmark never runs long enough for that to matter).
 */
public final class PeerTopology {

    private final PeerCounters counters;
    private final long windowMs;

    private PeerTopology(final PeerCounters counters, final long windowMs) {
        this.counters = counters;
        this.windowMs = windowMs;
    }

    /** The peer's topology over the given topics. */
    public static Topology build(final Topics topics, final SchemaRegistryClient registry, final long windowMs,
                                 final PeerCounters counters) {
        return new PeerTopology(counters, windowMs).build(topics, registry);
    }

    /** The topics the peer reads and writes. */
    public record Topics(String stock, String price, String delisting, String output, String dlq) {
    }

    private Topology build(final Topics topics, final SchemaRegistryClient registry) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Serde<StockUpdate> stockSerde = WireFormatSerde.serde(StockUpdate.class, registry, true);
        final Serde<PriceUpdate> priceSerde = WireFormatSerde.serde(PriceUpdate.class, registry, true);
        final Serde<OfferDelisted> delistingSerde = WireFormatSerde.serde(OfferDelisted.class, registry, true);

        final KStream<String, StockUpdate> stock = read(builder, topics.stock(), stockSerde);
        final KStream<String, PriceUpdate> price = read(builder, topics.price(), priceSerde);
        final KStream<String, OfferDelisted> delistings = read(builder, topics.delisting(), delistingSerde);
        stock.filterNot(PeerTopology::isValid).mapValues(Object::toString).to(topics.dlq(), textOut());
        price.filterNot(PeerTopology::isValid).mapValues(Object::toString).to(topics.dlq(), textOut());
        delistings.filterNot(PeerTopology::isValid).mapValues(Object::toString).to(topics.dlq(), textOut());

        final KTable<String, SlotState> slots = stock.filter(PeerTopology::isValid).mapValues(SlotUpdate::stock)
                .merge(price.filter(PeerTopology::isValid).mapValues(SlotUpdate::price))
                .peek((offerKey, update) -> counters.slotUpdateSent())
                .groupBy((offerKey, update) -> update.slotKey(),
                        Grouped.with("slot-updates", Serdes.String(), JsonSerde.of(SlotUpdate.class)))
                .aggregate(SlotState::new,
                        (slotKey, update, slot) -> counters.slotUpdateApplied(slot.apply(update, windowMs)),
                        Materialized.<String, SlotState, KeyValueStore<Bytes, byte[]>>as("slot-state")
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(SlotState.class)));

        final KTable<String, OfferAggregate> offers = slots.toStream()
                .map((slotKey, slot) -> KeyValue.pair(slot.offerKey, OfferChange.of(slot)))
                .merge(delistings.filter(PeerTopology::isValid).mapValues(OfferChange::delisting))
                .peek((offerKey, change) -> counters.offerChangeSent())
                .groupByKey(Grouped.with("offer-changes", Serdes.String(), JsonSerde.of(OfferChange.class)))
                .aggregate(OfferAggregate::new,
                        (offerKey, change, offer) -> counters.offerChangeApplied(offer.apply(change, windowMs)),
                        Materialized.<String, OfferAggregate, KeyValueStore<Bytes, byte[]>>as("offer-state")
                                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(OfferAggregate.class)));

        offers.toStream().mapValues((offerKey, offer) -> offer.toSnapshot(offerKey, windowMs))
                .peek((offerKey, snapshot) -> counters.emitted(snapshot))
                .to(topics.output(), Produced.with(Serdes.String(), JsonSerde.of(PeerSnapshot.class)));
        return builder.build();
    }

    private <V> KStream<String, V> read(final StreamsBuilder builder, final String topic, final Serde<V> serde) {
        return builder.stream(topic, Consumed.with(Serdes.String(), serde))
                .peek((key, value) -> counters.recordConsumed());
    }

    private static Produced<String, String> textOut() {
        return Produced.with(Serdes.String(), Serdes.String());
    }

    private static boolean isValid(final String key, final StockUpdate update) {
        return InputRules.check(update) == null && key.equals(update.getPartnerId() + ":" + update.getSku());
    }

    private static boolean isValid(final String key, final PriceUpdate update) {
        return InputRules.check(update) == null && key.equals(update.getPartnerId() + ":" + update.getSku());
    }

    private static boolean isValid(final String key, final OfferDelisted delisting) {
        return InputRules.check(delisting) == null && key.equals(delisting.getPartnerId() + ":" + delisting.getSku());
    }
}
