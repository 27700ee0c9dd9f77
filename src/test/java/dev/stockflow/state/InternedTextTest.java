package dev.stockflow.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InternedTextTest {

    private final InternedText interned = new InternedText();

    @Test
    void shouldReturnTheSameStringForTheSameBytes() {
        // Given
        final byte[] first = "..wh-berlin..".getBytes(StandardCharsets.UTF_8);
        final byte[] second = "wh-berlin".getBytes(StandardCharsets.UTF_8);

        // When
        final String fromFirst = interned.decode(first, 2, 9);
        final String fromSecond = interned.decode(second, 0, 9);

        // Then
        assertThat(fromFirst).isEqualTo("wh-berlin").isSameAs(fromSecond);
    }

    @Test
    void shouldTellDifferentTextApart() {
        // Given
        final byte[] bytes = "EURCHFPLNzürich".getBytes(StandardCharsets.UTF_8);

        // When / Then
        assertThat(interned.decode(bytes, 0, 3)).isEqualTo("EUR");
        assertThat(interned.decode(bytes, 3, 3)).isEqualTo("CHF");
        assertThat(interned.decode(bytes, 6, 3)).isEqualTo("PLN");
        assertThat(interned.decode(bytes, 9, bytes.length - 9)).isEqualTo("zürich");
        assertThat(interned.decode(bytes, 0, 3)).isEqualTo("EUR");
        assertThat(interned.decode(bytes, 0, 0)).isEmpty();
    }

    @Test
    void shouldStillDecodeWhenTheTableIsFullOrTheTextLong() {
        // Given: far more distinct identifiers than the table holds
        final int count = 50_000;

        // When / Then: every one decodes right, kept or not
        for (int i = 0; i < count; i++) {
            final byte[] bytes = ("loc-" + i).getBytes(StandardCharsets.UTF_8);
            assertThat(interned.decode(bytes, 0, bytes.length)).isEqualTo("loc-" + i);
        }
        final byte[] longText = "x".repeat(200).getBytes(StandardCharsets.UTF_8);
        assertThat(interned.decode(longText, 0, longText.length)).isEqualTo("x".repeat(200));
    }
}
