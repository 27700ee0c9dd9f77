package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.testkit.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens rotate by rewriting the file; a file gone bad later keeps the last good tokens and says so once. */
class TokenFileWatcherTest {

    @TempDir
    Path dir;

    private final LogCapture log = LogCapture.of(TokenFileWatcher.class);

    @AfterEach
    void detach() {
        log.close();
    }

    @Test
    void shouldLoadTheNewTokensWhenTheFileChanges() throws IOException {
        // Given
        final Path file = write("tokens", "old-token\n");
        try (TokenFileWatcher watcher = new TokenFileWatcher(file)) {

            // When: replaced the way Kubernetes and careful scripts do it, by a rename
            replace(file, "# rotated\nnew-token\n");
            watcher.check();

            // Then
            assertThat(watcher.tokens().accepts("new-token")).isTrue();
            assertThat(watcher.tokens().accepts("old-token")).isFalse();
            assertThat(log.messages()).anySatisfy(message ->
                    assertThat(message).startsWith("Bearer tokens reloaded from " + file + ": 1 token(s)"));
        }
    }

    @Test
    void shouldKeepTheLastGoodTokensWhileTheFileIsGoneAndWarnOnlyOnce() throws IOException {
        // Given
        final Path file = write("tokens", "kept-token\n");
        try (TokenFileWatcher watcher = new TokenFileWatcher(file)) {

            // When: the file disappears for three polls
            Files.delete(file);
            watcher.check();
            watcher.check();
            watcher.check();

            // Then
            assertThat(watcher.tokens().accepts("kept-token")).isTrue();
            assertThat(warnings()).hasSize(1).first().asString()
                    .contains("Cannot reload the bearer tokens").contains(file.toString())
                    .contains("The 1 token(s) loaded before stay valid");

            // And when it comes back with other tokens, they are loaded
            write("tokens", "back-token\n");
            watcher.check();
            assertThat(watcher.tokens().accepts("back-token")).isTrue();
            assertThat(watcher.tokens().accepts("kept-token")).isFalse();
        }
    }

    @Test
    void shouldKeepTheLastGoodTokensWhenTheFileIsEmptiedOrBrokenMidRewrite() throws IOException {
        // Given
        final Path file = write("tokens", "kept-token\n");
        try (TokenFileWatcher watcher = new TokenFileWatcher(file)) {

            // When: a writer truncates the file, then writes a broken line, then the good content
            write("tokens", "");
            watcher.check();
            write("tokens", "half written\n");
            watcher.check();

            // Then: nobody is locked out, and one warning covers the whole bad spell
            assertThat(watcher.tokens().accepts("kept-token")).isTrue();
            assertThat(warnings()).hasSize(1).first().asString().contains("holds no token")
                    .doesNotContain("half written");

            // And when the writer is done
            write("tokens", "kept-token\nadded-token\n");
            watcher.check();
            assertThat(watcher.tokens().accepts("added-token")).isTrue();
        }
    }

    @Test
    void shouldSayWhenTheFileIsReadableAgainWithTheSameTokens() throws IOException {
        // Given
        final Path file = write("tokens", "same-token\n");
        try (TokenFileWatcher watcher = new TokenFileWatcher(file)) {
            Files.delete(file);
            watcher.check();

            // When
            write("tokens", "same-token\n");
            watcher.check();

            // Then
            assertThat(log.messages()).anySatisfy(message -> assertThat(message).contains("is readable again"));
            assertThat(watcher.tokens().accepts("same-token")).isTrue();
        }
    }

    @Test
    void shouldPollTheFileOnItsOwnOnceStarted() throws IOException {
        // Given
        final Path file = write("tokens", "first-token\n");
        try (TokenFileWatcher watcher = new TokenFileWatcher(file).start()) {

            // When
            replace(file, "second-token\n");

            // Then
            Awaitility.await("the second token").atMost(Duration.ofSeconds(10))
                    .until(() -> watcher.tokens().accepts("second-token"));
            assertThat(watcher.tokens().accepts("first-token")).isFalse();
        }
    }

    @Test
    void shouldRefuseAMissingOrBadFileAtStart() throws IOException {
        // Given
        final Path missing = dir.resolve("missing");
        final Path bad = write("bad", "two tokens\n");

        // When / Then
        assertThatThrownBy(() -> new TokenFileWatcher(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the token file " + missing);
        assertThatThrownBy(() -> new TokenFileWatcher(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1").hasMessageNotContaining("two tokens");
    }

    private java.util.List<String> warnings() {
        return log.messages().stream().filter(message -> message.startsWith("Cannot reload")).toList();
    }

    private Path write(final String name, final String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private void replace(final Path file, final String text) throws IOException {
        final Path next = Files.writeString(dir.resolve(file.getFileName() + ".next"), text);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
