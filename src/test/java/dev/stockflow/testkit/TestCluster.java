package dev.stockflow.testkit;

import java.util.Map;

/** A Kafka cluster that tests create topics on and read and write through, whatever its security. */
public interface TestCluster {

    /** Where this cluster's test clients connect. */
    String bootstrapServers();

    /**
     * What a test client needs besides {@code bootstrap.servers} (security protocol, SASL and TLS settings);
     * empty for a cluster without security.
     */
    Map<String, Object> clientSettings();

    /** Creates a topic with one replica and returns once clients see all its partitions. */
    void createTopic(String name, int partitions, Map<String, String> configs) throws Exception;
}
