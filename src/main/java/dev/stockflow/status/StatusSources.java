package dev.stockflow.status;

import java.util.List;
import java.util.function.Supplier;

/**
 * What the sampler reads once a second. Each is cheap and safe to call from any thread: none runs on, or
 * waits for, a stream thread.
 *
 * @param instance    this instance as other instances reach it
 * @param state       Kafka Streams' state name
 * @param totals      Stockflow's counters ({@link MeterTotals})
 * @param lag         the consumer lag per input partition ({@link ConsumerLag})
 * @param restoration where state restoration stands
 */
public record StatusSources(String instance, Supplier<String> state, Supplier<Totals> totals,
                            Supplier<List<PartitionLag>> lag, RestorationSource restoration) {
}
