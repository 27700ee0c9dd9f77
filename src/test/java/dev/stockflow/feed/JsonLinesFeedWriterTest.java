package dev.stockflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import dev.stockflow.workload.GeneratedEvent;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonLinesFeedWriterTest {

    private static final Instant AT = Instant.parse("2025-03-01T12:00:00.250Z");

    private final StringWriter out = new StringWriter();

    @Test
    void shouldWriteOneObjectPerLineWithTheTypeFirst() throws IOException {
        // When
        try (JsonLinesFeedWriter writer = new JsonLinesFeedWriter(out)) {
            writer.write(new StockUpdate("e1", "p1", "S-1", "wh-1", 5, AT));
            writer.write(new PriceUpdate("e2", "p1", "S-1", "zalando-pl", "PLN", 21499L, 17999L, AT));
            writer.write(new PriceUpdate("e3", "p1", "S-1", "zalando-de", "EUR", 4999L, null, AT));
            writer.write(new OfferDelisted("e4", "p1", "S-1", AT));
        }

        // Then
        assertThat(out.toString()).isEqualTo(""
                + "{\"type\":\"stock\",\"eventId\":\"e1\",\"partnerId\":\"p1\",\"sku\":\"S-1\",\"locationId\":\"wh-1\","
                + "\"quantity\":5,\"occurredAt\":\"2025-03-01T12:00:00.250Z\"}\n"
                + "{\"type\":\"price\",\"eventId\":\"e2\",\"partnerId\":\"p1\",\"sku\":\"S-1\",\"channel\":\"zalando-pl\","
                + "\"currency\":\"PLN\",\"regularPrice\":21499,\"salePrice\":17999,"
                + "\"occurredAt\":\"2025-03-01T12:00:00.250Z\"}\n"
                + "{\"type\":\"price\",\"eventId\":\"e3\",\"partnerId\":\"p1\",\"sku\":\"S-1\",\"channel\":\"zalando-de\","
                + "\"currency\":\"EUR\",\"regularPrice\":4999,\"occurredAt\":\"2025-03-01T12:00:00.250Z\"}\n"
                + "{\"type\":\"delist\",\"eventId\":\"e4\",\"partnerId\":\"p1\",\"sku\":\"S-1\","
                + "\"occurredAt\":\"2025-03-01T12:00:00.250Z\"}\n");
    }

    @Test
    void shouldEscapeWhatJsonRequiresSoThatTheParserReadsItBack() throws IOException {
        // Given
        final StockUpdate stock = new StockUpdate("id \"1\"\n\\", "p1", "S\"\\/1-weiß-\u2603-\uD83D\uDC5F", "wh-1", 5, AT);

        // When
        try (JsonLinesFeedWriter writer = new JsonLinesFeedWriter(out)) {
            writer.write(stock);
        }
        final CollectingSink sink = new CollectingSink();
        new JsonLinesFeedParser().parse(new StringReader(out.toString()), "feed.jsonl", sink);

        // Then
        assertThat(out.toString()).hasLineCount(1);
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).extracting(ParsedRecord::value).containsExactly(stock);
    }

    @Test
    void shouldNotWriteAnEventWhoseKeyIsNotItsOfferKey() throws IOException {
        // Given
        final StockUpdate stock = new StockUpdate("e1", "p1", "S-1", "wh-1", 5, AT);
        final GeneratedEvent misKeyed = new GeneratedEvent(Input.STOCK, "S-1", stock, AT.toEpochMilli(), "key");
        final GeneratedEvent keyed = new GeneratedEvent(Input.STOCK, "p1:S-1", stock, AT.toEpochMilli(), null);

        // When
        final boolean misKeyedWritten;
        final boolean keyedWritten;
        try (JsonLinesFeedWriter writer = new JsonLinesFeedWriter(out)) {
            misKeyedWritten = writer.write(misKeyed);
            keyedWritten = writer.write(keyed);
        }

        // Then
        assertThat(misKeyedWritten).isFalse();
        assertThat(keyedWritten).isTrue();
        assertThat(out.toString()).hasLineCount(1).contains("\"eventId\":\"e1\"");
    }
}
