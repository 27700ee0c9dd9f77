package dev.stockflow.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockflow.config.ConfigLoader;
import dev.stockflow.config.StockflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationStateDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void shouldBeTheApplicationsDirectoryUnderStateDir() {
        // Given
        final StockflowConfig config = config(Map.of(StockflowConfig.STATE_DIR_CONFIG, dir.toString(),
                StockflowConfig.APPLICATION_ID_CONFIG, "shop-stock"));

        // When / Then
        assertThat(ApplicationStateDirectory.of(config)).isEqualTo(dir.resolve("shop-stock").toAbsolutePath());
    }

    @Test
    void shouldDefaultToKafkaStreamsOwnStateDir() {
        // When
        final Path path = ApplicationStateDirectory.of(config(Map.of()));

        // Then
        assertThat(path).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams", "stockflow")
                .toAbsolutePath().normalize());
    }

    @Test
    void shouldRefuseAnApplicationIdThatIsNotAPlainName() {
        // Given
        final StockflowConfig config = config(Map.of(StockflowConfig.STATE_DIR_CONFIG, dir.toString(),
                StockflowConfig.APPLICATION_ID_CONFIG, ".."));

        // When / Then
        assertThatThrownBy(() -> ApplicationStateDirectory.of(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("application.id");
    }

    @Test
    void shouldDeleteTheDirectoryWithEverythingInIt() throws Exception {
        // Given
        final Path application = Files.createDirectories(dir.resolve("app").resolve("0_1").resolve("rocksdb"));
        Files.writeString(application.resolve("data"), "x");
        Files.writeString(dir.resolve("app").resolve(".lock"), "");
        Files.writeString(dir.resolve("other-app"), "kept");

        // When
        ApplicationStateDirectory.delete(dir.resolve("app"));
        ApplicationStateDirectory.delete(dir.resolve("never-there"));

        // Then
        assertThat(dir.resolve("app")).doesNotExist();
        assertThat(dir.resolve("other-app")).hasContent("kept");
    }

    private static StockflowConfig config(final Map<String, Object> settings) {
        return ConfigLoader.load(null, Map.of(), settings);
    }
}
