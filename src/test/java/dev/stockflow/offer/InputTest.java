package dev.stockflow.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.avro.OfferDelisted;
import dev.stockflow.avro.OrderLineEvent;
import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The inputs as the product contract names them: topics, settings, records, feed types and stored order. */
class InputTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void shouldNameTheDefaultTopicsAsTheContractDoes() {
        // When / Then
        assertThat(Input.STOCK.defaultTopic()).isEqualTo("stock-updates");
        assertThat(Input.PRICE.defaultTopic()).isEqualTo("price-updates");
        assertThat(Input.DELISTING.defaultTopic()).isEqualTo("offer-delistings");
        assertThat(Input.ORDER.defaultTopic()).isEqualTo("order-events");
    }

    @Test
    void shouldNameTheTopicSettingsAsTheContractDoes() {
        // When / Then
        assertThat(Input.STOCK.configKey()).isEqualTo("topic.stock-updates");
        assertThat(Input.PRICE.configKey()).isEqualTo("topic.price-updates");
        assertThat(Input.DELISTING.configKey()).isEqualTo("topic.offer-delistings");
        assertThat(Input.ORDER.configKey()).isEqualTo("topic.order-events");
    }

    @Test
    void shouldReadTheContractsRecords() {
        // When / Then
        assertThat(Input.STOCK.recordClass()).isEqualTo(StockUpdate.class);
        assertThat(Input.PRICE.recordClass()).isEqualTo(PriceUpdate.class);
        assertThat(Input.DELISTING.recordClass()).isEqualTo(OfferDelisted.class);
        assertThat(Input.ORDER.recordClass()).isEqualTo(OrderLineEvent.class);
    }

    @Test
    void shouldUseTheContractsJsonLinesTypeNames() {
        // When / Then
        assertThat(Input.STOCK.typeName()).isEqualTo("stock");
        assertThat(Input.PRICE.typeName()).isEqualTo("price");
        assertThat(Input.DELISTING.typeName()).isEqualTo("delist");
        assertThat(Input.ORDER.typeName()).isEqualTo("order");
    }

    @Test
    void shouldKeepTheStoredStateIndexesInTheirOrder() {
        // When / Then: the stored state format depends on these, see StoredOfferCodec
        assertThat(Input.values()).containsExactly(Input.STOCK, Input.PRICE, Input.DELISTING, Input.ORDER);
        assertThat(Input.values()).extracting(Input::stateIndex).containsExactly(0, 1, 2, 3);
    }

    @Test
    void shouldFindTheInputOfATypeNameCaseSensitively() {
        // When / Then
        assertThat(Input.ofTypeName("delist")).isEqualTo(Input.DELISTING);
        assertThat(Input.ofTypeName("Stock")).isNull();
        assertThat(Input.ofTypeName("delisting")).isNull();
    }

    @Test
    void shouldFindTheInputOfARecord() {
        // Given
        final StockUpdate stock = new StockUpdate("e1", "p1", "S-1", "wh-1", 5, AT);
        final PriceUpdate price = new PriceUpdate("e2", "p1", "S-1", "zalando-de", "EUR", 4999L, null, AT);
        final OfferDelisted delisting = new OfferDelisted("e3", "p1", "S-1", AT);

        // When / Then
        assertThat(Input.ofRecord(stock)).isEqualTo(Input.STOCK);
        assertThat(Input.ofRecord(price)).isEqualTo(Input.PRICE);
        assertThat(Input.ofRecord(delisting)).isEqualTo(Input.DELISTING);
        assertThat(Input.ofRecord(null)).isNull();
    }

    @Test
    void shouldMapEveryEventToTheInputItCameFrom() {
        // Given
        final OfferEvent stock = new OfferEvent.StockChange("e1", "wh-1", 5, 1L);
        final OfferEvent price = new OfferEvent.PriceChange("e2", "zalando-de", "EUR", 4999L, null, 1L);
        final OfferEvent delisting = new OfferEvent.Delisting("e3", 1L);

        // When / Then
        assertThat(stock.input()).isEqualTo(Input.STOCK);
        assertThat(price.input()).isEqualTo(Input.PRICE);
        assertThat(delisting.input()).isEqualTo(Input.DELISTING);
    }

    @Test
    void shouldReadARecordThroughItsInputsRecordType() {
        // Given
        final PriceUpdate price = new PriceUpdate("e2", "p1", "S-1", "zalando-de", "EUR", 4999L, 3999L, AT);
        final InputRecordType<?> type = Input.PRICE.recordType();

        // When / Then
        assertThat(type.violation(price)).isNull();
        assertThat(type.offerKey(price)).isEqualTo("p1:S-1");
        assertThat(type.occurredAt(price)).isEqualTo(AT);
        assertThat(type.toEvent(price)).isEqualTo(new OfferEvent.PriceChange("e2", "zalando-de", "EUR", 4999L, 3999L,
                AT.toEpochMilli()));
    }

    @Test
    void shouldApplyTheFieldRulesOfTheInput() {
        // Given
        final StockUpdate negative = new StockUpdate("e1", "p1", "S-1", "wh-1", -1, AT);

        // When
        final String violation = Input.STOCK.recordType().violation(negative);

        // Then
        assertThat(violation).isEqualTo(InputRules.check(negative)).startsWith("quantity");
    }

    @Test
    void shouldRefuseARecordOfAnotherInput() {
        // Given
        final OfferDelisted delisting = new OfferDelisted("e3", "p1", "S-1", AT);

        // When / Then
        assertThatThrownBy(() -> Input.STOCK.recordType().offerKey(delisting)).isInstanceOf(ClassCastException.class);
    }
}
