package dev.stockflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.Input;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CsvStockFeedParserTest {

    private static final String HEADER = "partnerId,sku,locationId,quantity,occurredAt,eventId";
    private static final Instant NOON = Instant.parse("2025-03-01T12:00:00Z");

    private final CollectingSink sink = new CollectingSink();

    @Test
    void shouldParseRowsIntoStockUpdatesInFileOrder() throws IOException {
        // When
        final FeedSummary summary = parse(HEADER,
                "p1,S-1,wh-1,5,2025-03-01T12:00:00Z,e1",
                "p1,S-2,store-7,0," + NOON.toEpochMilli() + ",e2");

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).extracting(ParsedRecord::value).containsExactly(
                new StockUpdate("e1", "p1", "S-1", "wh-1", 5, NOON),
                new StockUpdate("e2", "p1", "S-2", "store-7", 0, NOON));
        assertThat(sink.records).extracting(ParsedRecord::key).containsExactly("p1:S-1", "p1:S-2");
        assertThat(sink.records).extracting(ParsedRecord::input).containsOnly(Input.STOCK);
        assertThat(sink.records).extracting(ParsedRecord::position).containsExactly("stock.csv:2", "stock.csv:3");
        assertThat(summary).isEqualTo(new FeedSummary(new long[] {2, 0, 0, 0}, 0));
    }

    @Test
    void shouldMatchHeaderColumnsByNameInAnyOrderIgnoringCaseAndSpaces() throws IOException {
        // When
        parse(" OccurredAt ,QUANTITY,sku,partnerid,locationId", "1000,7,S-1,p1,wh-1");

        // Then
        assertThat(sink.errors).isEmpty();
        final StockUpdate stock = (StockUpdate) sink.records.get(0).value();
        assertThat(stock.getPartnerId()).isEqualTo("p1");
        assertThat(stock.getSku()).isEqualTo("S-1");
        assertThat(stock.getLocationId()).isEqualTo("wh-1");
        assertThat(stock.getQuantity()).isEqualTo(7);
        assertThat(stock.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1000));
    }

    @Test
    void shouldDeriveTheEventIdWhenItsFieldIsEmpty() throws IOException {
        // When
        parse(HEADER, "p1,S-1,wh-1,5,1000,", "p1,S-1,wh-1,5,1000,\"\"", "p1,S-1,wh-1,5,1000,given");

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).extracting(record -> ((StockUpdate) record.value()).getEventId())
                .satisfies(ids -> assertThat(ids.get(0)).matches("feed-[0-9a-f]{32}").isEqualTo(ids.get(1)))
                .element(2).isEqualTo("given");
    }

    @Test
    void shouldTolerateAByteOrderMarkAndCrlf() throws IOException {
        // When
        final FeedSummary summary = new CsvStockFeedParser().parse(
                new StringReader("\uFEFF" + HEADER + "\r\np1,S-1,wh-1,5,1000,e1\r\np1,S-1,wh-2,6,1000,e2\r\n"),
                "stock.csv", sink);

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).extracting(ParsedRecord::line).containsExactly(2L, 3L);
        assertThat(summary.count(Input.STOCK)).isEqualTo(2);
    }

    @Test
    void shouldReadQuotedFieldsWithCommasAndDoubledQuotes() throws IOException {
        // When
        parse(HEADER, "\"p1\",\"S,1\",\"wh-1\",\"5\",\"1000\",\"id \"\"one\"\", first\"");

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).extracting(ParsedRecord::value)
                .containsExactly(new StockUpdate("id \"one\", first", "p1", "S,1", "wh-1", 5, Instant.ofEpochMilli(1000)));
    }

    @Test
    void shouldReportARecordSpanningLinesAtItsFirstLineAndCountLinesOnAfterIt() throws IOException {
        // When
        parse(HEADER, "p1,\"S\n1\",wh-1,5,1000,e1", "p1,S-1,wh-1,5,1000,e2");

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "stock.csv:2: sku must be 1-128 characters without whitespace or control characters");
        assertThat(sink.records).extracting(ParsedRecord::line).containsExactly(4L);
    }

    @Test
    void shouldSkipBlankLinesSilently() throws IOException {
        // When
        final FeedSummary summary = parse("", HEADER, "", "p1,S-1,wh-1,5,1000,e1", "   ", "", "p1,S-1,wh-1,6,1001,e2");

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(sink.records).extracting(ParsedRecord::line).containsExactly(4L, 7L);
        assertThat(summary).isEqualTo(new FeedSummary(new long[] {2, 0, 0, 0}, 0));
    }

    @Test
    void shouldReportABadHeaderOnceAndSkipTheFile() throws IOException {
        // When
        final FeedSummary summary = parse("partnerId,sku,qty,occurredAt,eventId,eventId", "p1,S-1,5,1000,e1,e1");

        // Then
        assertThat(sink.records).isEmpty();
        assertThat(sink.errorLines()).containsExactly("stock.csv:1: bad header (unknown column 'qty', repeated"
                + " column 'eventId', missing column 'locationId', missing column 'quantity'); expected columns"
                + " partnerId,sku,locationId,quantity,occurredAt and optionally eventId; the rest of the file was"
                + " skipped");
        assertThat(summary).isEqualTo(new FeedSummary(new long[] {0, 0, 0, 0}, 1));
    }

    @Test
    void shouldReportAHeaderThatBreaksCsvSyntax() throws IOException {
        // When
        parse("partnerId,\"sku\"x,locationId,quantity,occurredAt", "p1,S-1,wh-1,5,1000");

        // Then
        assertThat(sink.records).isEmpty();
        assertThat(sink.errorLines()).containsExactly("stock.csv:1: bad header: unexpected character 'x' after a"
                + " closing quote; the rest of the file was skipped");
    }

    @Test
    void shouldReadNothingFromAnEmptyFileOrAHeaderAlone() throws IOException {
        // When
        final FeedSummary empty = parse("");
        final FeedSummary headerOnly = parse(HEADER);

        // Then
        assertThat(sink.errors).isEmpty();
        assertThat(empty).isEqualTo(FeedSummary.EMPTY);
        assertThat(headerOnly).isEqualTo(FeedSummary.EMPTY);
    }

    @Test
    void shouldReportARowWithTooFewOrTooManyFields() throws IOException {
        // When
        parse(HEADER, "p1,S-1,wh-1,5,1000", "p1,S-1,wh-1,5,1000,e1,extra", "p1,S-1,wh-1,5,1000,e3");

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "stock.csv:2: expected 6 fields as named in the header, found 5",
                "stock.csv:3: expected 6 fields as named in the header, found 7");
        assertThat(sink.records).extracting(ParsedRecord::line).containsExactly(4L);
    }

    @Test
    void shouldReportCsvSyntaxErrorsAndGoOnWithTheNextLine() throws IOException {
        // When
        parse(HEADER, "p1,S\"1,wh-1,5,1000,e1", "p1,\"S-1\" ,wh-1,5,1000,e2", "p1,S-1,wh-1,5,1000,e3",
                "p1,\"S-1,wh-1,5,1000,e4");

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "stock.csv:2: a quote inside an unquoted field (quote the whole field and double the quote)",
                "stock.csv:3: unexpected character ' ' after a closing quote",
                "stock.csv:5: unterminated quoted field: the file ends before its closing quote");
        assertThat(sink.records).extracting(ParsedRecord::line).containsExactly(4L);
    }

    @Test
    void shouldReportFieldsThatAreNoNumbersOrInstants() throws IOException {
        // When
        parse(HEADER, "p1,S-1,wh-1,five,1000,e1", "p1,S-1,wh-1, 5,1000,e2", "p1,S-1,wh-1,5,,e3",
                "p1,S-1,wh-1,5,12:00,e4");

        // Then
        final String instant = "occurredAt must be an ISO-8601 instant such as 2025-03-01T12:00:00Z or epoch"
                + " milliseconds, was ";
        assertThat(sink.errorLines()).containsExactly(
                "stock.csv:2: quantity must be an integer, was 'five'",
                "stock.csv:3: quantity must be an integer, was ' 5'",
                "stock.csv:4: " + instant + "''",
                "stock.csv:5: " + instant + "'12:00'");
    }

    @Test
    void shouldReportRowsThatBreakTheInputRules() throws IOException {
        // When
        parse(HEADER, "p1,S-1,wh-1,-3,1000,e1", ",S-1,wh-1,3,1000,e2", "p1,S-1,wh 1,3,1000,e3", "p1,S-1,wh-1,3,-5,e4");

        // Then
        assertThat(sink.errorLines()).containsExactly(
                "stock.csv:2: quantity must be >= 0, was -3",
                "stock.csv:3: partnerId must be 1-64 characters of [A-Za-z0-9._-], was ''",
                "stock.csv:4: locationId must be 1-64 characters of [A-Za-z0-9._-], was 'wh 1'",
                "stock.csv:5: occurredAt must not be before 1970-01-01T00:00:00Z (Kafka timestamps cannot be"
                        + " negative), was -5");
    }

    @Test
    void shouldReportARowWithUndecodableBytes() throws IOException {
        // When
        parse(HEADER, "p1,S-\uFFFD,wh-1,5,1000,e1");

        // Then
        assertThat(sink.errorLines()).containsExactly("stock.csv:2: line is not valid UTF-8");
    }

    private FeedSummary parse(final String... lines) throws IOException {
        return new CsvStockFeedParser().parse(new StringReader(String.join("\n", lines)), "stock.csv", sink);
    }
}
