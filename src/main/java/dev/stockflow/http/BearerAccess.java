package dev.stockflow.http;

import java.util.Set;

/**
 * Which requests need a bearer token, and whether they bring a good one. With tokens configured every path
 * needs one (unknown paths too: nothing about the API is told to a stranger) except the health checks, which
 * probes call without credentials, and the status page's HTML at {@code /}, which holds no data and asks the
 * person for a token itself; {@code /metrics} is open only when so configured, for scrapers that cannot send one.
 */
final class BearerAccess {

    /** The challenge of a 401 (RFC 6750). */
    static final String CHALLENGE = "Bearer realm=\"stockflow\"";
    private static final Set<String> OPEN = Set.of("/health/live", "/health/ready", "/");
    private static final String METRICS = "/metrics";

    private final BearerTokens tokens;
    private final boolean metricsOpen;

    /**
     * @param tokens      the accepted tokens, or null to admit every request
     * @param metricsOpen whether {@code /metrics} is open when tokens are asked for
     */
    BearerAccess(final BearerTokens tokens, final boolean metricsOpen) {
        this.tokens = tokens;
        this.metricsOpen = metricsOpen;
    }

    /**
     * Why a request is refused, or null when it is admitted.
     *
     * @param rawPath       the request's path
     * @param authorization its {@code Authorization} header, or null
     */
    Refusal check(final String rawPath, final String authorization) {
        if (tokens == null || OPEN.contains(rawPath) || metricsOpen && METRICS.equals(rawPath)) {
            return null;
        }
        final String token = BearerTokens.presented(authorization);
        if (token == null || token.isEmpty()) {
            return Refusal.NO_TOKEN;
        }
        return tokens.accepts(token) ? null : Refusal.INVALID_TOKEN;
    }

    /** Why a request was refused: the 401's message and its {@code WWW-Authenticate} challenge. */
    enum Refusal {
        NO_TOKEN("this path needs a bearer token: send the header Authorization: Bearer <token>", CHALLENGE),
        INVALID_TOKEN("the bearer token was refused", CHALLENGE + ", error=\"invalid_token\"");

        private final String message;
        private final String challenge;

        Refusal(final String message, final String challenge) {
            this.message = message;
            this.challenge = challenge;
        }

        String message() {
            return message;
        }

        String challenge() {
            return challenge;
        }
    }
}
