package dev.stockflow.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class BoundedTimestampExtractorTest {

    private static final long SKEW = Duration.ofHours(1).toMillis();
    private final BoundedTimestampExtractor extractor = new BoundedTimestampExtractor(SKEW);

    @Test
    void shouldKeepPastAndNearFutureTimestamps() {
        // Given
        final long past = System.currentTimeMillis() - Duration.ofDays(3).toMillis();
        final long nearFuture = System.currentTimeMillis() + Duration.ofMinutes(30).toMillis();

        // Then
        assertThat(extractor.extract(record(past), 0L)).isEqualTo(past);
        assertThat(extractor.extract(record(nearFuture), 0L)).isEqualTo(nearFuture);
    }

    @Test
    void shouldBoundFarFutureTimestampsByTheWallClockPlusTheSkew() {
        // Given
        final long before = System.currentTimeMillis();
        final long year3000 = 32_503_680_000_000L;

        // When
        final long extracted = extractor.extract(record(year3000), 0L);

        // Then
        assertThat(extracted).isBetween(before + SKEW, System.currentTimeMillis() + SKEW);
    }

    @Test
    void shouldUsePartitionTimeForRecordsWithoutTimestamp() {
        // Then
        assertThat(extractor.extract(record(-1L), 1234L)).isEqualTo(1234L);
        assertThat(extractor.extract(record(-1L), -1L)).isZero();
    }

    private static ConsumerRecord<Object, Object> record(final long timestamp) {
        return new ConsumerRecord<>("stock-updates", 0, 0L, timestamp, TimestampType.CREATE_TIME, 0, 0, null, null,
                new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
    }
}
