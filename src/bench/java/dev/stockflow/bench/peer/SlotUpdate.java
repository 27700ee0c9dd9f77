package dev.stockflow.bench.peer;

import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;

/** A stock or price update for one slot, as the peer passes it between its stages (JSON). */
public final class SlotUpdate {

    public static final String STOCK = "stock";
    public static final String PRICE = "price";

    public String offerKey;
    /** {@link #STOCK} or {@link #PRICE}. */
    public String kind;
    /** The locationId of a stock slot, the channel of a price slot. */
    public String slot;
    public String eventId;
    public long occurredAt;
    public int quantity;
    public String currency;
    public long regularPrice;
    public Long salePrice;

    static SlotUpdate stock(final String offerKey, final StockUpdate update) {
        final SlotUpdate slotUpdate = new SlotUpdate();
        slotUpdate.offerKey = offerKey;
        slotUpdate.kind = STOCK;
        slotUpdate.slot = update.getLocationId();
        slotUpdate.eventId = update.getEventId();
        slotUpdate.occurredAt = update.getOccurredAt().toEpochMilli();
        slotUpdate.quantity = update.getQuantity();
        return slotUpdate;
    }

    static SlotUpdate price(final String offerKey, final PriceUpdate update) {
        final SlotUpdate slotUpdate = new SlotUpdate();
        slotUpdate.offerKey = offerKey;
        slotUpdate.kind = PRICE;
        slotUpdate.slot = update.getChannel();
        slotUpdate.eventId = update.getEventId();
        slotUpdate.occurredAt = update.getOccurredAt().toEpochMilli();
        slotUpdate.currency = update.getCurrency();
        slotUpdate.regularPrice = update.getRegularPrice();
        slotUpdate.salePrice = update.getSalePrice();
        return slotUpdate;
    }

    /** The key of the slot's own aggregate. */
    String slotKey() {
        return offerKey + '|' + kind + '|' + slot;
    }
}
