package dev.stockflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import dev.stockflow.offer.InputRules;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class DerivedEventIdTest {

    private static final String STOCK = "{\"type\":\"stock\",\"partnerId\":\"p1\",\"sku\":\"S-1\",\"locationId\":\"wh-1\","
            + "\"quantity\":5,\"occurredAt\":\"2025-03-01T12:00:00Z\"}";
    private static final long NOON = 1_740_830_400_000L;

    @Test
    void shouldGiveTheSameFactTheSameIdWhateverItsJsonForm() throws IOException {
        // Given
        final List<String> sameFact = List.of(
                STOCK,
                "{\"occurredAt\":" + NOON + ",\"quantity\":5,\"locationId\":\"wh-1\",\"sku\":\"S-1\",\"partnerId\":\"p1\","
                        + "\"type\":\"stock\"}",
                "  { \"type\" : \"stock\" , \"partnerId\" : \"p1\" , \"sku\" : \"S\\u002d1\" , \"locationId\" :"
                        + " \"wh-1\" , \"quantity\" : 5 , \"occurredAt\" : \"" + NOON + "\" }  ",
                STOCK.replace("\"2025-03-01T12:00:00Z\"", "\"2025-03-01T13:00:00.000+01:00\""),
                STOCK.replace("\"sku\"", "\"eventId\":null,\"sku\""));

        // When
        final List<String> ids = eventIdsOf(String.join("\n", sameFact));

        // Then
        assertThat(ids).hasSize(5).containsOnly(ids.get(0));
    }

    @Test
    void shouldGiveAStockFactTheSameIdInCsvAsInJsonLines() throws IOException {
        // Given
        final String csv = "partnerId,sku,locationId,quantity,occurredAt\np1,S-1,wh-1,5,2025-03-01T12:00:00Z\n";

        // When
        final List<String> fromCsv = eventIdsOf(new CsvStockFeedParser(), csv);
        final List<String> fromJson = eventIdsOf(STOCK);

        // Then
        assertThat(fromCsv).hasSize(1).isEqualTo(fromJson);
    }

    @Test
    void shouldGiveDifferentFactsDifferentIds() throws IOException {
        // Given
        final List<String> facts = List.of(
                STOCK,
                STOCK.replace("\"p1\"", "\"p2\""),
                STOCK.replace("\"S-1\"", "\"S-2\""),
                STOCK.replace("\"wh-1\"", "\"wh-2\""),
                STOCK.replace("\"quantity\":5", "\"quantity\":6"),
                STOCK.replace("12:00:00Z", "12:00:00.001Z"),
                // The fields must not run into each other: "p1" + "S-1" is not "p1S" + "-1".
                STOCK.replace("\"p1\"", "\"p1S\"").replace("\"S-1\"", "\"-1\""),
                "{\"type\":\"delist\",\"partnerId\":\"p1\",\"sku\":\"S-1\",\"occurredAt\":" + NOON + "}",
                price("\"regularPrice\":4999"),
                price("\"regularPrice\":4999,\"salePrice\":3999"),
                price("\"regularPrice\":4999,\"salePrice\":3998"),
                price("\"regularPrice\":5999,\"salePrice\":3999"),
                price("\"regularPrice\":4999").replace("zalando-de", "zalando-at"),
                price("\"regularPrice\":4999").replace("EUR", "CHF"));

        // When
        final List<String> ids = eventIdsOf(String.join("\n", facts));

        // Then
        assertThat(ids).hasSize(facts.size()).doesNotHaveDuplicates();
    }

    @Test
    void shouldTreatAnAbsentAndANullSalePriceAlike() throws IOException {
        // When
        final List<String> ids = eventIdsOf(price("\"regularPrice\":4999") + "\n"
                + price("\"regularPrice\":4999,\"salePrice\":null"));

        // Then
        assertThat(ids).hasSize(2).containsOnly(ids.get(0));
    }

    @Test
    void shouldDeriveIdsThatAreValidEventIds() throws IOException {
        // When
        final List<String> ids = eventIdsOf(STOCK);

        // Then
        final String id = ids.get(0);
        assertThat(id).matches("feed-[0-9a-f]{32}");
        assertThat(InputRules.check(new StockUpdate(id, "p1", "S-1", "wh-1", 5, java.time.Instant.EPOCH))).isNull();
    }

    @Test
    void shouldNotRepeatAnIdOverManyNeighbouringFacts() {
        // Given
        final DerivedEventIds ids = new DerivedEventIds();
        final Set<String> seen = new HashSet<>();

        // When
        for (int quantity = 0; quantity < 20_000; quantity++) {
            seen.add(ids.derive(Input.STOCK, "p1", "S-1", "wh-1", Integer.toString(quantity), "0"));
        }

        // Then
        assertThat(seen).hasSize(20_000);
    }

    private static String price(final String amounts) {
        return "{\"type\":\"price\",\"partnerId\":\"p1\",\"sku\":\"S-1\",\"channel\":\"zalando-de\",\"currency\":\"EUR\","
                + amounts + ",\"occurredAt\":" + NOON + "}";
    }

    private static List<String> eventIdsOf(final String jsonLines) throws IOException {
        return eventIdsOf(new JsonLinesFeedParser(), jsonLines);
    }

    static List<String> eventIdsOf(final FeedParser parser, final String feed) throws IOException {
        final CollectingSink sink = new CollectingSink();
        parser.parse(new StringReader(feed), "feed", sink);
        assertThat(sink.errors).isEmpty();
        return sink.records.stream().map(record -> eventIdOf(record.value())).toList();
    }

    private static String eventIdOf(final SpecificRecord value) {
        if (value instanceof StockUpdate stock) {
            return stock.getEventId();
        }
        if (value instanceof PriceUpdate price) {
            return price.getEventId();
        }
        return ((OfferDelisted) value).getEventId();
    }
}
