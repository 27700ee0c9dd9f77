package dev.stockflow.deadletter;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead letter sent back to its source topic: the original record's own headers (the processor
 * keeps them on the dead letter), without the dead-letter headers ({@code stockflow.error.*},
 * {@code stockflow.source.*}) and any older {@code stockflow.replay.of}, plus {@code stockflow.replay.of} naming
 * this dead letter. So the record on the input topic is the original one, marked as a replay: a stale error code
 * on it would only mislead, and if it fails again the processor writes fresh dead-letter headers anyway.
 */
public final class ReplayHeaders {

    private static final String ERROR_PREFIX = "stockflow.error.";
    private static final String SOURCE_PREFIX = "stockflow.source.";

    private ReplayHeaders() {
    }

    public static Headers of(final Headers deadLetterHeaders, final DeadLetter letter) {
        final Headers headers = new RecordHeaders();
        for (final Header header : deadLetterHeaders) {
            if (!isDeadLetterHeader(header.key())) {
                headers.add(header);
            }
        }
        headers.add(DeadLetterHeaders.REPLAY_OF, letter.replayOf().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /**
     * Whether an input record is a dead letter that {@code dlq replay} sent back (it carries
     * {@code stockflow.replay.of}), so that the processor can count what replays came to. Cheap: input records
     * rarely carry more than a few headers. False for no headers at all (null).
     */
    public static boolean isReplay(final Headers headers) {
        return headers != null && headers.lastHeader(DeadLetterHeaders.REPLAY_OF) != null;
    }

    /** A header the processor or a replay wrote, as opposed to one of the original producer's. */
    static boolean isDeadLetterHeader(final String key) {
        return key.startsWith(ERROR_PREFIX) || key.startsWith(SOURCE_PREFIX) || key.equals(DeadLetterHeaders.REPLAY_OF);
    }
}
