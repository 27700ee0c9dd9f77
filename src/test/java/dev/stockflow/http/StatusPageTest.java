package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The status page's HTML as a file: self-contained, with the element ids the browser test relies on. */
class StatusPageTest {

    private final String html = new String(StatusPage.html(), StandardCharsets.UTF_8);

    @Test
    void shouldLoadNothingFromAnotherServer() {
        // Then: no absolute URL anywhere, so no src, href, fetch or CSS url() can leave this server
        assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://")
                .doesNotContain("//cdn").doesNotContainIgnoringCase("<script src")
                .doesNotContainIgnoringCase("@import");
        final Matcher references = Pattern.compile("(?:src|href)\\s*=\\s*\"([^\"]*)\"").matcher(html);
        while (references.find()) {
            assertThat(references.group(1)).as("a reference in the page").doesNotContain("//");
        }
    }

    @Test
    void shouldRefreshItselfEverySecondFromStatus() {
        assertThat(html).contains("var REFRESH_MS = 1000;").contains("request('/status')");
    }

    @Test
    void shouldSendAStoredTokenAsBearerAndAskForOneOnA401() {
        assertThat(html).contains("sessionStorage.getItem(TOKEN_KEY)").contains("'Bearer ' + token")
                .contains("response.status === 401").contains("id=\"token-box\"");
        assertThat(html).doesNotContain("localStorage");
    }

    @Test
    void shouldHaveTheStableElementIds() {
        for (final String id : new String[] {"state", "events-rate", "snapshots-rate", "tombstones-rate",
            "dead-letters-rate", "lag-total", "outcomes", "order-outcomes", "dead-letters", "lag", "latency-p50",
            "latency-p90", "latency-p99", "restoration", "chart", "lookup-form", "lookup-key", "lookup-button", "lookup-status",
            "lookup-json", "token-box", "token-input", "token-form"}) {
            assertThat(html).as("element #" + id).contains("id=\"" + id + "\"");
        }
    }

    @Test
    void shouldHashTheInlineScriptAsBrowsersDo() throws Exception {
        // Given
        final int start = html.indexOf("<script>") + "<script>".length();
        final String script = html.substring(start, html.indexOf("</script>"));

        // When
        final String source = StatusPage.hashOf(html, "script");

        // Then
        assertThat(source).isEqualTo("'sha256-" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8))) + "'");
    }
}
