package dev.stockflow.runtime;

import dev.stockflow.workload.GeneratedEvent;
import dev.stockflow.workload.WorkloadGenerator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Feeds a synthetic workload into Kafka at a steady rate (or flat out) until a count or a stop. */
public final class WorkloadRunner implements Runnable {

    private final WorkloadGenerator generator;
    private final InputProducer producer;
    private final long limit;
    private final double ratePerSecond;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();

    /**
     * @param limit         events to send, or {@code Long.MAX_VALUE} for no limit
     * @param ratePerSecond events per second, or 0 for as fast as the producer takes them
     */
    public WorkloadRunner(final WorkloadGenerator generator, final InputProducer producer, final long limit,
                          final double ratePerSecond) {
        this.generator = generator;
        this.producer = producer;
        this.limit = limit;
        this.ratePerSecond = ratePerSecond;
    }

    @Override
    public void run() {
        final long started = System.nanoTime();
        final double nanosPerEvent = ratePerSecond > 0 ? TimeUnit.SECONDS.toNanos(1) / ratePerSecond : 0;
        while (!stopped.get() && sent.get() < limit) {
            final GeneratedEvent event = generator.next();
            try {
                producer.send(event.input(), event.key(), event.value(), event.occurredAt());
            } catch (final IllegalStateException e) {
                if (stopped.get()) {
                    return; // the producer was closed while stopping
                }
                throw e;
            }
            final long count = sent.incrementAndGet();
            if (nanosPerEvent > 0) {
                final long due = started + (long) (count * nanosPerEvent);
                final long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the load itself, not waiting for a result
                }
            }
        }
        if (!stopped.get()) {
            producer.flush();
        }
    }

    /** Asks {@link #run} to end after the event it is sending. */
    public void stop() {
        stopped.set(true);
    }

    public long sent() {
        return sent.get();
    }
}
