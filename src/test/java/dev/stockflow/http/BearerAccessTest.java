package dev.stockflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which paths need a token, how the Authorization header is read, and which tokens pass. */
class BearerAccessTest {

    private static final String TOKEN = "c2VjcmV0LXRva2Vu-42";
    private final BearerTokens tokens = new BearerTokens(Set.of(TOKEN, "second-token"));

    @Test
    void shouldLeaveTheHealthChecksAndTheStatusPageHtmlOpen() {
        // Given
        final BearerAccess access = new BearerAccess(tokens, false);

        // When / Then
        assertThat(access.check("/health/live", null)).isNull();
        assertThat(access.check("/health/ready", null)).isNull();
        assertThat(access.check("/", null)).isNull();
    }

    @Test
    void shouldAskForATokenEverywhereElseUnknownPathsAndMetricsIncluded() {
        // Given
        final BearerAccess access = new BearerAccess(tokens, false);

        // When / Then
        assertThat(access.check("/status", null)).isEqualTo(BearerAccess.Refusal.NO_TOKEN);
        assertThat(access.check("/offers/acme/SKU-1", null)).isEqualTo(BearerAccess.Refusal.NO_TOKEN);
        assertThat(access.check("/offers/acme/SKU-1/state", null)).isEqualTo(BearerAccess.Refusal.NO_TOKEN);
        assertThat(access.check("/metrics", null)).isEqualTo(BearerAccess.Refusal.NO_TOKEN);
        assertThat(access.check("/no-such-path", null)).isEqualTo(BearerAccess.Refusal.NO_TOKEN);
        assertThat(access.check("/health/live/", null)).as("only the exact paths are open")
                .isEqualTo(BearerAccess.Refusal.NO_TOKEN);
    }

    @Test
    void shouldOpenMetricsOnlyWhenConfiguredSo() {
        // Given
        final BearerAccess access = new BearerAccess(tokens, true);

        // When / Then
        assertThat(access.check("/metrics", null)).isNull();
        assertThat(access.check("/status", null)).isEqualTo(BearerAccess.Refusal.NO_TOKEN);
    }

    @Test
    void shouldAdmitAnyAcceptedTokenWithTheSchemeInAnyCase() {
        // Given
        final BearerAccess access = new BearerAccess(tokens, false);

        // When / Then
        assertThat(access.check("/status", "Bearer " + TOKEN)).isNull();
        assertThat(access.check("/status", "bearer second-token")).isNull();
        assertThat(access.check("/status", "BEARER   " + TOKEN + " ")).isNull();
    }

    @Test
    void shouldRefuseWrongTokensPrefixesAndOtherSchemes() {
        // Given
        final BearerAccess access = new BearerAccess(tokens, false);

        // When / Then
        assertThat(access.check("/status", "Bearer " + TOKEN + "x")).isEqualTo(BearerAccess.Refusal.INVALID_TOKEN);
        assertThat(access.check("/status", "Bearer " + TOKEN.substring(0, TOKEN.length() - 1)))
                .isEqualTo(BearerAccess.Refusal.INVALID_TOKEN);
        assertThat(access.check("/status", "Bearer second-TOKEN")).as("tokens are case-sensitive")
                .isEqualTo(BearerAccess.Refusal.INVALID_TOKEN);
        assertThat(access.check("/status", "Bearer ")).isEqualTo(BearerAccess.Refusal.NO_TOKEN);
        assertThat(access.check("/status", "Basic " + TOKEN)).isEqualTo(BearerAccess.Refusal.NO_TOKEN);
        assertThat(access.check("/status", TOKEN)).isEqualTo(BearerAccess.Refusal.NO_TOKEN);
    }

    @Test
    void shouldAcceptOnlyTheNewTokensOnceReplaced() {
        // Given
        final BearerAccess access = new BearerAccess(tokens, false);

        // When
        tokens.replace(Set.of("rotated-token"));

        // Then
        assertThat(access.check("/status", "Bearer " + TOKEN)).isEqualTo(BearerAccess.Refusal.INVALID_TOKEN);
        assertThat(access.check("/status", "Bearer rotated-token")).isNull();
    }

    @Test
    void shouldAdmitEverythingWithoutTokens() {
        // Given
        final BearerAccess access = new BearerAccess(null, false);

        // When / Then
        assertThat(access.check("/status", null)).isNull();
        assertThat(access.check("/metrics", "Bearer whatever")).isNull();
    }
}
