package dev.stockflow.topology;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.InputRules;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.OfferKey;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.UndecodableException;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** How one input topic's records are decoded, checked and turned into {@link OfferEvent}s. */
final class InputFormat<T extends SpecificRecord> {

    private final Input input;
    private final AvroWireFormat<T> wireFormat;
    private final Function<T, String> rules;
    private final Function<T, String> partnerId;
    private final Function<T, String> sku;
    private final Function<T, OfferEvent> toEvent;

    private InputFormat(final Input input, final AvroWireFormat<T> wireFormat, final Function<T, String> rules,
                        final Function<T, String> partnerId, final Function<T, String> sku,
                        final Function<T, OfferEvent> toEvent) {
        this.input = input;
        this.wireFormat = wireFormat;
        this.rules = rules;
        this.partnerId = partnerId;
        this.sku = sku;
        this.toEvent = toEvent;
    }

    static InputFormat<StockUpdate> stock(final SchemaRegistryClient registry) {
        return new InputFormat<>(Input.STOCK, new AvroWireFormat<>(registry, StockUpdate.getClassSchema(), false),
                InputRules::check, StockUpdate::getPartnerId, StockUpdate::getSku,
                update -> new OfferEvent.StockChange(update.getEventId(), update.getLocationId(), update.getQuantity(),
                        update.getOccurredAt().toEpochMilli()));
    }

    static InputFormat<PriceUpdate> price(final SchemaRegistryClient registry) {
        return new InputFormat<>(Input.PRICE, new AvroWireFormat<>(registry, PriceUpdate.getClassSchema(), false),
                InputRules::check, PriceUpdate::getPartnerId, PriceUpdate::getSku,
                update -> new OfferEvent.PriceChange(update.getEventId(), update.getChannel(), update.getCurrency(),
                        update.getRegularPrice(), update.getSalePrice(), update.getOccurredAt().toEpochMilli()));
    }

    static InputFormat<OfferDelisted> delisting(final SchemaRegistryClient registry) {
        return new InputFormat<>(Input.DELISTING,
                new AvroWireFormat<>(registry, OfferDelisted.getClassSchema(), false),
                InputRules::check, OfferDelisted::getPartnerId, OfferDelisted::getSku,
                delisting -> new OfferEvent.Delisting(delisting.getEventId(), delisting.getOccurredAt().toEpochMilli()));
    }

    Input input() {
        return input;
    }

    T decode(final byte[] bytes) throws UndecodableException {
        return wireFormat.decode(bytes);
    }

    /** Null when the record follows the field rules, else what is wrong. */
    String violation(final T record) {
        return rules.apply(record);
    }

    /** The offer key the record belongs to: {@code partnerId + ":" + sku}. */
    String offerKey(final T record) {
        return OfferKey.of(partnerId.apply(record), sku.apply(record));
    }

    OfferEvent toEvent(final T record) {
        return toEvent.apply(record);
    }
}
