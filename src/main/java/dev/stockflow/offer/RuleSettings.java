package dev.stockflow.offer;

import java.time.Duration;

/**
 * The tunables of the offer rules.
 *
 * @param omnibusWindowMs   how far back the EU Omnibus lowest price looks (default 30 days)
 * @param delistRetentionMs how long, in stream time after it was processed, a delisting is remembered
 *                          (default 7 days)
 * @param orderRetentionMs  how long, in stream time after the order line ended (settled or cancelled), its
 *                          version is remembered (default 7 days)
 */
public record RuleSettings(long omnibusWindowMs, long delistRetentionMs, long orderRetentionMs) {

    public static final RuleSettings DEFAULTS = new RuleSettings(Duration.ofDays(30).toMillis(),
            Duration.ofDays(7).toMillis(), Duration.ofDays(7).toMillis());

    public RuleSettings {
        if (omnibusWindowMs <= 0) {
            throw new IllegalArgumentException("omnibus window must be positive");
        }
        if (delistRetentionMs <= 0) {
            throw new IllegalArgumentException("delisting retention must be positive");
        }
        if (orderRetentionMs <= 0) {
            throw new IllegalArgumentException("order retention must be positive");
        }
    }

    /** Settings with the default order retention. */
    public RuleSettings(final long omnibusWindowMs, final long delistRetentionMs) {
        this(omnibusWindowMs, delistRetentionMs, DEFAULTS.orderRetentionMs());
    }
}
