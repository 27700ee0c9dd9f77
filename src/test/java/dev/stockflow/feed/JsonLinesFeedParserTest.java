package dev.stockflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLinesFeedParserTest {

    private static final String STOCK = "{\"type\":\"stock\",\"eventId\":\"e1\",\"partnerId\":\"p1\",\"sku\":\"S-1\","
            + "\"locationId\":\"wh-1\",\"quantity\":5,\"occurredAt\":\"2025-03-01T12:00:00Z\"}";
    private static final long MARCH_FIRST_NOON = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();

    private final CollectingSink sink = new CollectingSink();

    @Test
    void shouldParseEachKindIntoItsAvroRecordInFileOrder() throws IOException {
        // Given
        final String price = "{\"type\":\"price\",\"eventId\":\"e2\",\"partnerId\":\"p1\",\"sku\":\"S-1\","
                + "\"channel\":\"zalando-de\",\"currency\":\"EUR\",\"regularPrice\":4999,\"salePrice\":3999,"
                + "\"occurredAt\":\"2025-03-01T12:00:01Z\"}";
        final String delist = "{\"type\":\"delist\",\"eventId\":\"e3\",\"partnerId\":\"p1\",\"sku\":\"S-1\","
                + "\"occurredAt\":\"2025-03-01T12:00:02Z\"}";

        // When
        final FeedSummary summary = parse(STOCK, price, delist);

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).extracting(ParsedRecord::value).containsExactly(
                new StockUpdate("e1", "p1", "S-1", "wh-1", 5, Instant.ofEpochMilli(MARCH_FIRST_NOON)),
                new PriceUpdate("e2", "p1", "S-1", "zalando-de", "EUR", 4999L, 3999L,
                        Instant.ofEpochMilli(MARCH_FIRST_NOON + 1000)),
                new OfferDelisted("e3", "p1", "S-1", Instant.ofEpochMilli(MARCH_FIRST_NOON + 2000)));
        assertThat(sink.records).extracting(ParsedRecord::input)
                .containsExactly(Input.STOCK, Input.PRICE, Input.DELISTING);
        assertThat(sink.records).extracting(ParsedRecord::key).containsOnly("p1:S-1");
        assertThat(sink.records).extracting(ParsedRecord::occurredAt)
                .containsExactly(MARCH_FIRST_NOON, MARCH_FIRST_NOON + 1000, MARCH_FIRST_NOON + 2000);
        assertThat(sink.records).extracting(ParsedRecord::position)
                .containsExactly("feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3");
        assertThat(summary).isEqualTo(new FeedSummary(new long[] {1, 1, 1, 0}, 0));
    }

    @Test
    void shouldReadOccurredAtAsIsoInstantOrEpochMillisNumberOrString() throws IOException {
        // Given
        final String iso = stockAt("\"2025-03-01T12:00:00.250Z\"");
        final String withOffset = stockAt("\"2025-03-01T13:00:00.250+01:00\"");
        final String number = stockAt(Long.toString(MARCH_FIRST_NOON + 250));
        final String text = stockAt("\"" + (MARCH_FIRST_NOON + 250) + "\"");

        // When
        parse(iso, withOffset, number, text);

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).extracting(ParsedRecord::occurredAt).containsOnly(MARCH_FIRST_NOON + 250);
    }

    @Test
    void shouldDropDigitsFinerThanAMillisecond() throws IOException {
        // When
        parse(stockAt("\"2025-03-01T12:00:00.250999Z\""));

        // Then
        assertThat(sink.records).extracting(ParsedRecord::occurredAt).containsExactly(MARCH_FIRST_NOON + 250);
    }

    @Test
    void shouldTreatAnAbsentOrNullSalePriceAsNoSale() throws IOException {
        // Given
        final String absent = "{\"type\":\"price\",\"eventId\":\"e1\",\"partnerId\":\"p1\",\"sku\":\"S-1\","
                + "\"channel\":\"zalando-ch\",\"currency\":\"CHF\",\"regularPrice\":100,\"occurredAt\":1}";
        final String isNull = absent.replace("\"regularPrice\":100", "\"regularPrice\":100,\"salePrice\":null");

        // When
        parse(absent, isNull);

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).extracting(record -> ((PriceUpdate) record.value()).getSalePrice())
                .containsExactly(null, null);
    }

    @Test
    void shouldSkipBlankLinesSilentlyAndKeepCountingThem() throws IOException {
        // Given
        final String feed = "\r\n" + STOCK + "\r\n   \r\n\t\r\n" + "{oops}\r\n\r\n";

        // When
        final FeedSummary summary = new JsonLinesFeedParser().parse(new StringReader(feed), "feed.jsonl", sink);

        // Then
        assertThat(sink.records).extracting(ParsedRecord::position).containsExactly("feed.jsonl:2");
        assertThat(sink.errors).extracting(FeedError::line).containsExactly(5L);
        assertThat(summary).isEqualTo(new FeedSummary(new long[] {1, 0, 0, 0}, 1));
    }

    @Test
    void shouldSkipAByteOrderMark() throws IOException {
        // When
        parse("\uFEFF" + STOCK);

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).hasSize(1);
    }

    @Test
    void shouldReportMalformedJsonWithFileAndLineAndGoOn() throws IOException {
        // When
        parse(STOCK, "{\"type\":\"stock\",", STOCK);

        // Then
        assertThat(sink.records).extracting(ParsedRecord::line).containsExactly(1L, 3L);
        assertThat(sink.errorLines()).singleElement().asString().startsWith("feed.jsonl:2: malformed JSON: ");
    }

    @Test
    void shouldReportContentAfterTheObject() throws IOException {
        // When
        parse(STOCK + " {}");

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "feed.jsonl:1: malformed JSON: more content after the object at column " + (STOCK.length() + 2));
    }

    @Test
    void shouldReportARepeatedField() throws IOException {
        // When
        parse(STOCK.replace("\"quantity\":5", "\"quantity\":5,\"quantity\":6"));

        // Then
        assertThat(sink.errorLines()).singleElement().asString()
                .startsWith("feed.jsonl:1: malformed JSON: ").contains("Duplicate").contains("quantity");
    }

    @Test
    void shouldReportALineThatIsNoObject() throws IOException {
        // When
        parse("[1, 2]", "\"stock\"");

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "feed.jsonl:1: expected a JSON object, found array",
                "feed.jsonl:2: expected a JSON object, found string");
    }

    @Test
    void shouldReportAMissingOrUnknownType() throws IOException {
        // When
        parse(STOCK.replace("\"type\":\"stock\",", ""),
                STOCK.replace("\"stock\"", "\"inventory\""),
                STOCK.replace("\"stock\"", "\"STOCK\""),
                STOCK.replace("\"stock\"", "1"));

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "feed.jsonl:1: missing field 'type'",
                "feed.jsonl:2: unknown type \"inventory\" (expected \"stock\", \"price\", \"delist\" or \"order\")",
                "feed.jsonl:3: unknown type \"STOCK\" (expected \"stock\", \"price\", \"delist\" or \"order\")",
                "feed.jsonl:4: unknown type 1 (expected \"stock\", \"price\", \"delist\" or \"order\")");
    }

    @Test
    void shouldReportAFieldThatTheTypeDoesNotHave() throws IOException {
        // When
        parse(STOCK.replace("\"quantity\"", "\"qty\""),
                STOCK.replace("\"quantity\":5", "\"quantity\":5,\"channel\":\"zalando-de\""));

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "feed.jsonl:1: unknown field 'qty' for type stock",
                "feed.jsonl:2: unknown field 'channel' for type stock");
    }

    @Test
    void shouldReportAMissingField() throws IOException {
        // When
        parse(STOCK.replace("\"locationId\":\"wh-1\",", ""),
                STOCK.replace(",\"occurredAt\":\"2025-03-01T12:00:00Z\"", ""));

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "feed.jsonl:1: missing field 'locationId'",
                "feed.jsonl:2: missing field 'occurredAt'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quantity   | \"5\"      | quantity must be an integer, was \"5\"",
        "quantity   | 5.0         | quantity must be an integer, was 5.0",
        "quantity   | 2147483648  | quantity is out of range, was 2147483648",
        "quantity   | null        | quantity must be an integer, was null",
        "partnerId  | 7           | partnerId must be a string, was 7",
        "sku        | null        | sku must be a string, was null",
        "sku        | [\"S-1\"]  | sku must be a string, was [\"S-1\"]",
        "eventId    | 42          | eventId must be a string, was 42",
        "occurredAt | 1.5e12      | occurredAt must be an ISO-8601 string or an integer of epoch milliseconds, was 1.5E12",
        "occurredAt | true        | occurredAt must be an ISO-8601 string or an integer of epoch milliseconds, was true",
    })
    void shouldReportAFieldOfTheWrongType(final String field, final String json, final String message)
            throws IOException {
        // When
        parse(stockWith(field, json));

        // Then
        assertThat(sink.errorLines()).containsExactly("feed.jsonl:1: " + message);
    }

    @Test
    void shouldReportAPriceOutOfTheLongRange() throws IOException {
        // When
        parse("{\"type\":\"price\",\"partnerId\":\"p1\",\"sku\":\"S-1\",\"channel\":\"zalando-de\","
                + "\"currency\":\"EUR\",\"regularPrice\":9223372036854775808,\"occurredAt\":1}");

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "feed.jsonl:1: regularPrice is out of range, was 9223372036854775808");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quantity   | -1         | quantity must be >= 0, was -1",
        "partnerId  | \"p:1\"   | partnerId must be 1-64 characters of [A-Za-z0-9._-], was 'p:1'",
        "sku        | \"S 1\"   | sku must be 1-128 characters without whitespace or control characters",
        "locationId | \"\"      | locationId must be 1-64 characters of [A-Za-z0-9._-], was ''",
        "eventId    | \"\"      | eventId must be 1-128 characters",
    })
    void shouldReportAStockLineThatBreaksTheInputRules(final String field, final String json,
                                                       final String message) throws IOException {
        // When
        parse(stockWith(field, json));

        // Then
        assertThat(sink.errorLines()).containsExactly("feed.jsonl:1: " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "currency     | \"EURO\"       | currency must be an ISO 4217 alphabetic code, was 'EURO'",
        "currency     | \"eur\"        | currency must be an ISO 4217 alphabetic code, was 'eur'",
        "channel      | \"Zalando DE\" | channel must be 1-32 characters of [a-z0-9-], was 'Zalando DE'",
        "regularPrice | 0               | regularPrice must be > 0, was 0",
        "salePrice    | 4999            | salePrice must be > 0 and < regularPrice (4999), was 4999",
        "salePrice    | 0               | salePrice must be > 0 and < regularPrice (4999), was 0",
    })
    void shouldReportAPriceLineThatBreaksTheInputRules(final String field, final String json,
                                                       final String message) throws IOException {
        // When
        parse(priceWith(field, json));

        // Then
        assertThat(sink.errorLines()).containsExactly("feed.jsonl:1: " + message);
    }

    @Test
    void shouldReportAnOccurredAtBeforeTheEpoch() throws IOException {
        // When
        parse(stockAt("-1"), stockAt("\"-250\""), stockAt("\"1969-12-31T23:59:59Z\""));

        // Then
        final String message = "occurredAt must not be before 1970-01-01T00:00:00Z (Kafka timestamps cannot be"
                + " negative), was ";
        assertThat(sink.errorLines()).containsExactly(
                "feed.jsonl:1: " + message + "-1",
                "feed.jsonl:2: " + message + "-250",
                "feed.jsonl:3: " + message + "-1000");
    }

    @Test
    void shouldReportAnOccurredAtThatIsNoInstant() throws IOException {
        // When
        parse(stockAt("\"yesterday\""), stockAt("\"2025-03-01 12:00:00\""), stockAt("\"99999999999999999999\""));

        // Then
        final String message = "occurredAt must be an ISO-8601 instant such as 2025-03-01T12:00:00Z or epoch"
                + " milliseconds, was ";
        assertThat(sink.errorLines()).containsExactly(
                "feed.jsonl:1: " + message + "'yesterday'",
                "feed.jsonl:2: " + message + "'2025-03-01 12:00:00'",
                "feed.jsonl:3: occurredAt is out of range, was '99999999999999999999'");
    }

    @Test
    void shouldReportALineLongerThanTheLimitAndGoOnWithTheNext() throws IOException {
        // Given
        final JsonLinesFeedParser parser = new JsonLinesFeedParser(STOCK.length());
        final String feed = STOCK + "\n" + STOCK + " \n" + STOCK;

        // When
        parser.parse(new StringReader(feed), "feed.jsonl", sink);

        // Then
        assertThat(sink.records).extracting(ParsedRecord::line).containsExactly(1L, 3L);
        assertThat(sink.errorLines()).containsExactly(
                "feed.jsonl:2: line is longer than " + STOCK.length() + " characters");
    }

    @Test
    void shouldReportALineWithUndecodableBytes() throws IOException {
        // When
        parse(STOCK.replace("S-1", "S-\uFFFD"));

        // Then
        assertThat(sink.errorLines()).containsExactly("feed.jsonl:1: line is not valid UTF-8");
    }

    @Test
    void shouldKeepAGivenEventIdAndDeriveOneWhenAbsentOrNull() throws IOException {
        // When
        parse(STOCK, STOCK.replace("\"eventId\":\"e1\",", ""), STOCK.replace("\"e1\"", "null"));

        // Then
        assertThat(sink.errors).isEmpty();
        final String given = ((StockUpdate) sink.records.get(0).value()).getEventId();
        final String derived = ((StockUpdate) sink.records.get(1).value()).getEventId();
        final String derivedFromNull = ((StockUpdate) sink.records.get(2).value()).getEventId();
        assertThat(given).isEqualTo("e1");
        assertThat(derived).matches("feed-[0-9a-f]{32}").isEqualTo(derivedFromNull);
    }

    @Test
    void shouldCountRecordsPerKindAndBadLines() throws IOException {
        // Given
        final String delist = "{\"type\":\"delist\",\"partnerId\":\"p1\",\"sku\":\"S-1\",\"occurredAt\":1}";

        // When
        final FeedSummary summary = parse(STOCK, STOCK, delist, "nonsense", delist.replace("p1", "p 1"));

        // Then
        assertThat(summary).isEqualTo(new FeedSummary(new long[] {2, 0, 1, 0}, 2));
        assertThat(summary.count(Input.STOCK)).isEqualTo(2);
        assertThat(summary.count(Input.PRICE)).isZero();
        assertThat(summary.count(Input.DELISTING)).isEqualTo(1);
        assertThat(summary.records()).isEqualTo(3);
        assertThat(summary.hasBadLines()).isTrue();
    }

    /** The stock line with one field's JSON value replaced (or added). */
    private static String stockWith(final String field, final String json) {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", "\"stock\"");
        fields.put("eventId", "\"e1\"");
        fields.put("partnerId", "\"p1\"");
        fields.put("sku", "\"S-1\"");
        fields.put("locationId", "\"wh-1\"");
        fields.put("quantity", "5");
        fields.put("occurredAt", "\"2025-03-01T12:00:00Z\"");
        fields.put(field, json);
        return toJson(fields);
    }

    private static String priceWith(final String field, final String json) {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", "\"price\"");
        fields.put("partnerId", "\"p1\"");
        fields.put("sku", "\"S-1\"");
        fields.put("channel", "\"zalando-de\"");
        fields.put("currency", "\"EUR\"");
        fields.put("regularPrice", "4999");
        fields.put("occurredAt", "1");
        fields.put(field, json);
        return toJson(fields);
    }

    private static String toJson(final Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> "\"" + field.getKey() + "\":" + field.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String stockAt(final String occurredAt) {
        return STOCK.replace("\"2025-03-01T12:00:00Z\"", occurredAt);
    }

    private FeedSummary parse(final String... lines) throws IOException {
        return new JsonLinesFeedParser().parse(new StringReader(String.join("\n", lines)), "feed.jsonl", sink);
    }
}
