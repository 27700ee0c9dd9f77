package dev.stockflow.offer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.OrderLineStatus;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InputRulesTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"a", "brand-1", "Brand_2.eu", "0123456789012345678901234567890123456789012345678901234567890123"})
    void shouldAcceptPartnerIds(final String partnerId) {
        assertThat(InputRules.isPartnerId(partnerId)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "brand:1", "brand 1", "bränd", "01234567890123456789012345678901234567890123456789012345678901234"})
    void shouldRejectPartnerIds(final String partnerId) {
        assertThat(InputRules.isPartnerId(partnerId)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SKU-1", "Jäcke/rot", "a:b", "\uD83D\uDE00", "x"})
    void shouldAcceptSkus(final String sku) {
        assertThat(InputRules.isSku(sku)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "tab\t", "nbsp\u00A0", "bell\u0007", "lone\uD800"})
    void shouldRejectSkus(final String sku) {
        assertThat(InputRules.isSku(sku)).isFalse();
    }

    @Test
    void shouldCountSkuLengthInCharactersNotUtf16Units() {
        // Given: 128 emoji are 256 UTF-16 units
        final String emoji = "\uD83D\uDE00".repeat(128);

        // Then
        assertThat(InputRules.isSku(emoji)).isTrue();
        assertThat(InputRules.isSku(emoji + "x")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(value = {
        "berlin,5,",
        "'',5,locationId",
        "ber lin,5,locationId",
        "berlin,-1,quantity"})
    void shouldCheckStockFields(final String location, final int quantity, final String offending) {
        // When
        final String error = InputRules.check(new StockUpdate("e1", "p", "s", location, quantity, AT));

        // Then
        if (offending == null) {
            assertThat(error).isNull();
        } else {
            assertThat(error).startsWith(offending);
        }
    }

    @ParameterizedTest
    @CsvSource(value = {
        "zalando-de,EUR,1000,,",
        "zalando-de,EUR,1000,999,",
        "Zalando,EUR,1000,,channel",
        "zalando-de,eur,1000,,currency",
        "zalando-de,EUX,1000,,currency",
        "zalando-de,EUR,0,,regularPrice",
        "zalando-de,EUR,1000,1000,salePrice",
        "zalando-de,EUR,1000,0,salePrice"})
    void shouldCheckPriceFields(final String channel, final String currency, final long regular, final Long sale,
                                final String offending) {
        // When
        final String error = InputRules.check(new PriceUpdate("e1", "p", "s", channel, currency, regular, sale, AT));

        // Then
        if (offending == null) {
            assertThat(error).isNull();
        } else {
            assertThat(error).startsWith(offending);
        }
    }

    @Test
    void shouldCheckEventIdLength() {
        assertThat(InputRules.check(new OfferDelisted("", "p", "s", AT))).startsWith("eventId");
        assertThat(InputRules.check(new OfferDelisted("e".repeat(128), "p", "s", AT))).isNull();
        assertThat(InputRules.check(new OfferDelisted("e".repeat(129), "p", "s", AT))).startsWith("eventId");
    }

    @Test
    void shouldAcceptAValidOrderLine() {
        assertThat(InputRules.check(orderLine("order-1", "wh1", 1, OrderLineStatus.PLACED))).isNull();
        assertThat(InputRules.check(orderLine("o.2_B", "wh1", 3, OrderLineStatus.CANCELLED))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|wh1|1|orderId must be 1-64 characters of [A-Za-z0-9._-], was ''",
        "order 1|wh1|1|orderId must be 1-64 characters of [A-Za-z0-9._-], was 'order 1'",
        "order:1|wh1|1|orderId must be 1-64 characters of [A-Za-z0-9._-], was 'order:1'",
        "order-1|w h|1|locationId must be 1-64 characters of [A-Za-z0-9._-], was 'w h'",
        "order-1|wh1|0|quantity must be >= 1, was 0",
        "order-1|wh1|-2|quantity must be >= 1, was -2"})
    void shouldRejectOrderLinesBreakingTheirRules(final String orderId, final String locationId, final int quantity,
                                                  final String message) {
        assertThat(InputRules.check(orderLine(orderId, locationId, quantity, OrderLineStatus.PLACED)))
                .isEqualTo(message);
    }

    @Test
    void shouldRejectAnOrderLineWithoutStatusOrAnOverlongOrderId() {
        assertThat(InputRules.check(orderLine("order-1", "wh1", 1, null)))
                .isEqualTo("status must be PLACED or CANCELLED, was null");
        assertThat(InputRules.check(orderLine("o".repeat(65), "wh1", 1, OrderLineStatus.PLACED)))
                .startsWith("orderId must be 1-64 characters");
    }

    private static OrderLineEvent orderLine(final String orderId, final String locationId, final int quantity,
                                            final OrderLineStatus status) {
        final OrderLineEvent line = new OrderLineEvent("ev-1", orderId, "acme", "sku-1", locationId, quantity,
                OrderLineStatus.PLACED, AT);
        line.setStatus(status);
        return line;
    }
}
