package dev.stockflow.offer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedTest {

    @Test
    void shouldQuoteShortValuesWhole() {
        assertThat(Quoted.of("brand-1")).isEqualTo("'brand-1'");
        assertThat(Quoted.of(null)).isEqualTo("null");
    }

    @Test
    void shouldShortenLongValuesAndSayHowLongTheyWere() {
        // When
        final String quoted = Quoted.of("x".repeat(600_000));

        // Then
        assertThat(quoted).hasSizeLessThan(130).startsWith("'xxx").endsWith("...' (600000 chars)");
    }

    @Test
    void shouldNotSplitASurrogatePair() {
        // Given: an emoji straddling the cut
        final String value = "a".repeat(Quoted.MAX_CHARS - 1) + "\uD83D\uDE00" + "b".repeat(10);

        // When
        final String quoted = Quoted.of(value);

        // Then
        assertThat(quoted).doesNotContain("\uD83D").startsWith("'" + "a".repeat(Quoted.MAX_CHARS - 1) + "...");
    }
}
