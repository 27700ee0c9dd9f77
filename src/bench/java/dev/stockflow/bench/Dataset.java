package dev.stockflow.bench;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One preloaded input, shared by every run over it: its topics, where each partition ends, where the
 * initial stock feed ends (scale runs), and what the reference model expects of it.
 *
 * @param name          a short name, also the prefix of its runs' names
 * @param workload      the events, replayable
 * @param stockTopic    input topics (all with the same partition count; the order topic is empty unless the
 *                      workload has order lines)
 * @param ends          the end offset of every input partition
 * @param initialEnds   the end offset of every input partition after the initial stock feed, or null
 * @param records       how many input records there are
 * @param byKind        how many records went to each input topic
 * @param expectation   the reference model's final snapshots and outcome counts
 */
record Dataset(String name, Workload workload, String stockTopic, String priceTopic, String delistingTopic,
               String orderTopic, int partitions, Map<TopicPartition, Long> ends,
               Map<TopicPartition, Long> initialEnds, long records, Map<String, Long> byKind,
               ExpectedSnapshots.Expectation expectation) {

    List<String> inputTopics() {
        return List.of(stockTopic, priceTopic, delistingTopic, orderTopic);
    }

    Dataset withExpectation(final ExpectedSnapshots.Expectation value) {
        return new Dataset(name, workload, stockTopic, priceTopic, delistingTopic, orderTopic, partitions, ends,
                initialEnds, records, byKind, value);
    }
}
