package dev.stockflow.offer;

/**
 * A validated input event for one offer, stripped of the offer identity (the store key carries it).
 * The rules in {@link OfferState} consume these; they never see Kafka or Avro types.
 */
public sealed interface OfferEvent permits OfferEvent.StockChange, OfferEvent.PriceChange,
        OfferEvent.Delisting, OfferEvent.OrderLine {

    /** The input stream events of this kind come from. */
    Input input();

    String eventId();

    long occurredAt();

    default Version version() {
        return new Version(occurredAt(), eventId());
    }

    /** Absolute sellable quantity at one location. */
    record StockChange(String eventId, String locationId, int quantity, long occurredAt) implements OfferEvent {

        @Override
        public Input input() {
            return Input.STOCK;
        }
    }

    /** Price on one channel; {@code salePrice} is null when there is no sale. */
    record PriceChange(String eventId, String channel, String currency, long regularPrice, Long salePrice,
                       long occurredAt) implements OfferEvent {

        @Override
        public Input input() {
            return Input.PRICE;
        }

        public long effectivePrice() {
            return salePrice != null ? salePrice : regularPrice;
        }
    }

    /** The partner withdrew the offer at {@code occurredAt}. */
    record Delisting(String eventId, long occurredAt) implements OfferEvent {

        @Override
        public Input input() {
            return Input.DELISTING;
        }
    }

    /**
     * One order line of the offer: {@code PLACED} reserves {@code quantity} units at {@code locationId} until the
     * partner's count there includes it; {@code CANCELLED} ends the line.
     */
    record OrderLine(String eventId, String orderId, String locationId, int quantity, OrderStatus status,
                     long occurredAt) implements OfferEvent {

        @Override
        public Input input() {
            return Input.ORDER;
        }

        public boolean isPlaced() {
            return status == OrderStatus.PLACED;
        }
    }
}
