package dev.stockflow.cli;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option every command takes; environment variables apply to all of them too. */
public final class ConfigOption {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Java properties file with Stockflow and Kafka client settings. "
                    + "STOCKFLOW_* environment variables override it.")
    Path file;

    /** Loads the configuration from the file (if any), the environment, then the given overrides. */
    public StockflowConfig load(final Map<String, ?> overrides) {
        return ConfigLoader.load(file, System.getenv(), overrides);
    }
}
