package dev.stockflow.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.avro.ChannelPrice;
import dev.stockflow.avro.LocationQuantity;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.bench.peer.PeerSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots written as JSON with the Avro record's field names and epoch-millisecond times (the DSL peer's
 * output, Stockflow's lookup answers) read back as the Avro {@link OfferSnapshot}, to compare them with
 * the snapshot topic and the reference model.
 */
public final class JsonSnapshots {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JsonSnapshots() {
    }

    public static OfferSnapshot read(final byte[] json) {
        try {
            return of(JSON.readValue(json, PeerSnapshot.class));
        } catch (final IOException e) {
            throw new UncheckedIOException("a snapshot is not valid JSON", e);
        }
    }

    private static OfferSnapshot of(final PeerSnapshot json) {
        final List<LocationQuantity> locations = new ArrayList<>();
        for (final PeerSnapshot.Location location : json.locations) {
            // Absent (a writer without orders, as the DSL peer): nothing reserved, sellable = quantity.
            locations.add(new LocationQuantity(location.locationId, location.quantity,
                    Instant.ofEpochMilli(location.updatedAt), location.reservedQuantity,
                    location.sellableQuantity != null ? location.sellableQuantity : location.quantity));
        }
        final List<ChannelPrice> prices = new ArrayList<>();
        for (final PeerSnapshot.Price price : json.prices) {
            prices.add(new ChannelPrice(price.channel, price.currency, price.regularPrice, price.salePrice,
                    price.effectivePrice, price.lowestPrice30d, Instant.ofEpochMilli(price.updatedAt)));
        }
        return new OfferSnapshot(json.partnerId, json.sku, json.totalQuantity, json.available, locations, prices,
                Instant.ofEpochMilli(json.updatedAt), json.reservedQuantity,
                json.sellableQuantity != null ? json.sellableQuantity : json.totalQuantity);
    }
}
