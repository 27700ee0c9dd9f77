package dev.stockflow.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.reference.Emission;
import dev.stockflow.reference.KeyedEvent;
import dev.stockflow.reference.ReferenceModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the fail-over check judges lookup answers against the snapshot topic (no broker). */
class LookupCheckIT {

    private static final String KEY = "partner-1:SKU-1";
    private static final long T = 1_700_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The offer's records on the topic: a snapshot, another, a tombstone, a snapshot again. */
    private final List<Emission> records = records();

    @Test
    void shouldAllowNotReadyTheLatestCommittedAndLaterRecords() throws Exception {
        // Given
        final List<LookupProber.Lookup> lookups = List.of(
                lookup(503, null, 2),
                lookup(200, records.get(0).snapshot(), 1),
                lookup(200, records.get(1).snapshot(), 1),
                lookup(404, null, 0),
                lookup(404, null, 3),
                lookup(404, null, 1));

        // When
        final LookupCheck check = LookupCheck.of(lookups, Map.of(KEY, records));

        // Then
        assertThat(check.figures()).containsEntry("notReady503", 1L).containsEntry("latestCommitted", 3L)
                .containsEntry("aheadOfCommitted", 2L).containsEntry("stale", 0L).containsEntry("wrong", 0L);
    }

    @Test
    void shouldCallAnAnswerOlderThanTheCommittedStale() throws Exception {
        // Given: the second snapshot was committed, yet the answer shows the first; the offer exists again, yet
        // the answer is 404 from the tombstone before
        final List<LookupProber.Lookup> lookups = List.of(
                lookup(200, records.get(0).snapshot(), 2),
                lookup(404, null, 4));

        // When
        final LookupCheck check = LookupCheck.of(lookups, Map.of(KEY, records));

        // Then
        assertThat(check.stale()).isEqualTo(2);
        assertThat(check.examples()).contains(KEY);
    }

    @Test
    void shouldCallAnAnswerTheTopicNeverHadWrong() throws Exception {
        // Given
        final OfferSnapshot never = OfferSnapshot.newBuilder(records.get(0).snapshot()).setTotalQuantity(99).build();
        final List<LookupProber.Lookup> lookups = List.of(
                lookup(200, never, 1),
                lookup(500, null, 1),
                lookup(-1, null, 1));

        // When
        final LookupCheck check = LookupCheck.of(lookups, Map.of(KEY, List.of(records.get(0))));

        // Then
        assertThat(check.wrong()).isEqualTo(3);
    }

    private static List<Emission> records() {
        final ReferenceModel model = new ReferenceModel(RuleSettings.DEFAULTS);
        model.deliver(new KeyedEvent(KEY, new OfferEvent.StockChange("s1", "wh-1", 5, T)));
        model.deliver(new KeyedEvent(KEY, new OfferEvent.StockChange("s2", "wh-1", 7, T + 1)));
        model.deliver(new KeyedEvent(KEY, new OfferEvent.Delisting("d1", T + 2)));
        model.deliver(new KeyedEvent(KEY, new OfferEvent.StockChange("s3", "wh-1", 2, T + 3)));
        return model.emissions();
    }

    private static LookupProber.Lookup lookup(final int status, final OfferSnapshot snapshot, final int committed)
            throws Exception {
        final byte[] body = snapshot == null ? new byte[0] : JSON.writeValueAsBytes(json(snapshot));
        return new LookupProber.Lookup(KEY, 0, T, T, status, body, committed);
    }

    /** The snapshot as Stockflow's lookups write it: the Avro field names, times in epoch milliseconds. */
    private static Map<String, Object> json(final OfferSnapshot snapshot) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("partnerId", snapshot.getPartnerId());
        json.put("sku", snapshot.getSku());
        json.put("totalQuantity", snapshot.getTotalQuantity());
        json.put("available", snapshot.getAvailable());
        json.put("locations", snapshot.getLocations().stream().map(location -> Map.of(
                "locationId", location.getLocationId(), "quantity", location.getQuantity(),
                "updatedAt", location.getUpdatedAt().toEpochMilli())).toList());
        json.put("prices", List.of());
        json.put("updatedAt", snapshot.getUpdatedAt().toEpochMilli());
        return json;
    }
}
