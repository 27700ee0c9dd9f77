package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.SchemaRegistryClients;
import org.apache.kafka.common.config.ConfigException;

/** The schema registry client every command uses, with bad registry settings reported as configuration errors. */
public final class RegistryClients {

    private RegistryClients() {
    }

    public static SchemaRegistryClient create(final StockflowConfig config) {
        try {
            return SchemaRegistryClients.create(config.schemaRegistryUrl(), config::registrySettings);
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(e.getMessage()
                    + ". Fix it in the --config file or the STOCKFLOW_SCHEMA_REGISTRY_* "
                    + "environment variables.");
        }
    }
}
