package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The token file's format: one token per line, comments and blank lines skipped, nothing half-read. */
class TokenFileTest {

    private static final Path FILE = Path.of("/etc/stockflow/tokens");

    @Test
    void shouldReadOneTokenPerLineSkippingCommentsBlankLinesAndSurroundingWhitespace() {
        // Given: a BOM, a comment, CRLF line ends, indentation, a blank line, a base64 token with padding
        final String text = "\uFEFF# dashboards (rotated 2026-01)\r\n  tok-EN_1.a~b  \r\n\r\n\t# ops\nYWJj+/ZA==\n";

        // When
        final var tokens = TokenFile.parse(FILE, text.getBytes(StandardCharsets.UTF_8));

        // Then
        assertThat(tokens).containsExactly("tok-EN_1.a~b", "YWJj+/ZA==");
    }

    @Test
    void shouldRefuseALineThatIsNoTokenNamingTheLineButNotItsText() {
        // Given: line 3 holds a space inside (two tokens on one line, or a token with a stray character)
        final String text = "good-token\n# comment\nsecret-part other-part\n";

        // When / Then
        assertThatThrownBy(() -> TokenFile.parse(FILE, text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3 of the token file " + FILE)
                .hasMessageNotContaining("secret-part").hasMessageNotContaining("good-token");
    }

    @Test
    void shouldRefuseAFileWithoutAnyToken() {
        // Given
        final String onlyComments = "# nobody yet\n\n   \n";

        // When / Then
        assertThatThrownBy(() -> TokenFile.parse(FILE, onlyComments.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no token");
        assertThatThrownBy(() -> TokenFile.parse(FILE, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no token");
    }

    @Test
    void shouldRefuseAFileThatIsNotUtf8() {
        // Given: Latin-1 bytes
        final byte[] latin1 = "caf\u00e9-token\n".getBytes(StandardCharsets.ISO_8859_1);

        // When / Then
        assertThatThrownBy(() -> TokenFile.parse(FILE, latin1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void shouldRefuseNonAsciiLettersThatNoBearerHeaderCanCarry() {
        // Given
        final byte[] text = "caf\u00e9-token\n".getBytes(StandardCharsets.UTF_8);

        // When / Then
        assertThatThrownBy(() -> TokenFile.parse(FILE, text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    }
}
