package dev.stockflow.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The status page at {@code GET /}: one static HTML file (the resource {@code status-page.html} next to this
 * class) with its CSS and plain JavaScript inline, which fetches {@code /status} every second and draws the chart
 * on a canvas. Plain JavaScript rather than a charting library: nothing to keep up to date, no vulnerabilities to
 * follow, nothing fetched from the internet, so it works offline and behind any firewall.
 *
 * <p>The page holds no data: everything it shows comes from {@code /status} and {@code /offers}, asked with the
 * token the person typed in (kept in the tab's sessionStorage) once the server requires one. Its Content Security
 * Policy allows exactly its own inline script and style (by their SHA-256) and requests to this server only, so
 * an offer's text can never run as script and the page can talk to nobody else.
 */
final class StatusPage {

    static final String CONTENT_TYPE = "text/html; charset=utf-8";
    private static final String RESOURCE = "status-page.html";
    private static final byte[] HTML = load();
    /** Headers of every answer of the page. */
    static final Map<String, String> HEADERS = headers(new String(HTML, StandardCharsets.UTF_8));

    private StatusPage() {
    }

    static byte[] html() {
        return HTML.clone();
    }

    private static byte[] load() {
        try (InputStream in = StatusPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the status page " + RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> headers(final String html) {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", "default-src 'none'; script-src " + hashOf(html, "script")
                + "; style-src " + hashOf(html, "style") + "; connect-src 'self'; img-src 'self' data:; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        return headers;
    }

    /** The CSP source of the page's one inline {@code <tag>} element: the SHA-256 of its text, as browsers hash it. */
    static String hashOf(final String html, final String tag) {
        final String open = "<" + tag + ">";
        final int start = html.indexOf(open);
        final int end = html.indexOf("</" + tag + ">", start);
        if (start < 0 || end < 0 || html.indexOf(open, end) >= 0) {
            throw new IllegalStateException("the status page must hold exactly one <" + tag + "> without attributes");
        }
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(html.substring(start + open.length(), end).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
