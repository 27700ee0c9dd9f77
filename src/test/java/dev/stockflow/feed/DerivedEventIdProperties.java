package dev.stockflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class DerivedEventIdProperties {

    @Property(tries = 300)
    void shouldDeriveTheSameIdWhateverTheKeyOrderAndTheFormOfOccurredAt(
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) final String sku,
            @ForAll @IntRange(min = 0, max = 1_000_000) final int quantity,
            @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) final long occurredAt,
            @ForAll final long shuffleSeed) throws IOException {
        // Given
        final List<String> fields = new ArrayList<>(List.of("\"type\":\"stock\"", "\"partnerId\":\"p-1\"",
                "\"sku\":\"" + sku + "\"", "\"locationId\":\"wh-1\"", "\"quantity\":" + quantity));
        final List<String> shuffled = new ArrayList<>(fields);
        Collections.shuffle(shuffled, new Random(shuffleSeed));
        final String plain = line(fields, "\"occurredAt\":" + occurredAt);
        final String reordered = line(shuffled, "\"occurredAt\":\"" + Instant.ofEpochMilli(occurredAt) + "\"");

        // When
        final List<String> ids = DerivedEventIdTest.eventIdsOf(new JsonLinesFeedParser(), plain + "\n" + reordered);

        // Then
        assertThat(ids).hasSize(2).containsOnly(ids.get(0));
    }

    @Property(tries = 300)
    void shouldDeriveDifferentIdsForDifferentQuantities(
            @ForAll @IntRange(min = 0, max = 1_000_000) final int quantity,
            @ForAll @IntRange(min = 1, max = 1_000) final int difference) throws IOException {
        // Given
        final String feed = stockWithQuantity(quantity) + "\n" + stockWithQuantity(quantity + difference);

        // When
        final List<String> ids = DerivedEventIdTest.eventIdsOf(new JsonLinesFeedParser(), feed);

        // Then
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    }

    private static String stockWithQuantity(final int quantity) {
        return "{\"type\":\"stock\",\"partnerId\":\"p-1\",\"sku\":\"S\",\"locationId\":\"wh-1\",\"quantity\":"
                + quantity + ",\"occurredAt\":0}";
    }

    private static String line(final List<String> fields, final String occurredAt) {
        final List<String> all = new ArrayList<>(fields);
        all.add(all.size() / 2, occurredAt);
        return "{" + String.join(",", all) + "}";
    }
}
