package dev.stockflow.bench.peer;

import java.util.List;

/**
 * The peer's published snapshot: the fields of Stockflow's OfferSnapshot, times in epoch ms (JSON). The peer
 * knows no orders and leaves the reserved and sellable fields out; read back, they are what the snapshot
 * schema's defaults say (0 reserved, sellable null: the quantity).
 */
public final class PeerSnapshot {

    public String partnerId;
    public String sku;
    public long totalQuantity;
    public boolean available;
    public List<Location> locations;
    public List<Price> prices;
    public long updatedAt;
    public long reservedQuantity;
    public Long sellableQuantity;

    /** One location's quantity. */
    public static final class Location {
        public String locationId;
        public int quantity;
        public long updatedAt;
        public int reservedQuantity;
        public Integer sellableQuantity;

        public Location() {
        }

        Location(final String locationId, final int quantity, final long updatedAt) {
            this.locationId = locationId;
            this.quantity = quantity;
            this.updatedAt = updatedAt;
        }
    }

    /** One channel's price. */
    public static final class Price {
        public String channel;
        public String currency;
        public long regularPrice;
        public Long salePrice;
        public long effectivePrice;
        public Long lowestPrice30d;
        public long updatedAt;

        public Price() {
        }

        Price(final String channel, final String currency, final long regularPrice, final Long salePrice,
              final long effectivePrice, final Long lowestPrice30d, final long updatedAt) {
            this.channel = channel;
            this.currency = currency;
            this.regularPrice = regularPrice;
            this.salePrice = salePrice;
            this.effectivePrice = effectivePrice;
            this.lowestPrice30d = lowestPrice30d;
            this.updatedAt = updatedAt;
        }
    }
}
