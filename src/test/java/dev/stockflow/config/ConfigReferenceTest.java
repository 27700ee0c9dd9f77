package dev.stockflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration reference must be exactly what the typed configuration defines. */
class ConfigReferenceTest {

    private static final String START = "<!-- config-reference:start -->\n";
    private static final String END = "<!-- config-reference:end -->";

    @Test
    void shouldMatchTheReadme() throws IOException {
        // Given
        final String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        final int start = readme.indexOf(START);
        final int end = readme.indexOf(END);
        final String expected = ConfigReference.markdown();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "config-reference.md"), expected, StandardCharsets.UTF_8);

        // When
        final String documented = start < 0 || end < 0 ? "" : readme.substring(start + START.length(), end);

        // Then
        assertThat(documented)
                .as("README.md's table between the config-reference markers; the current one is in "
                        + "target/config-reference.md")
                .isEqualTo(expected);
    }
}
