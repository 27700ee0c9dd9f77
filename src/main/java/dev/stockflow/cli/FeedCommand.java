package dev.stockflow.cli;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.feed.FeedError;
import dev.stockflow.feed.FeedFiles;
import dev.stockflow.feed.FeedFormat;
import dev.stockflow.feed.FeedSink;
import dev.stockflow.feed.FeedSummary;
import dev.stockflow.feed.ParsedRecord;
import dev.stockflow.feed.UnsupportedFeedFormatException;
import dev.stockflow.runtime.InputProducer;
import dev.stockflow.runtime.TopicProvisioner;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.runtime.RegistryClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stockflow feed FILE...}: validates partner feed files and produces them to the input topics. */
@Command(name = "feed", mixinStandardHelpOptions = true,
        description = {"Validate partner feed files and produce them to the input topics.",
            "JSON Lines (.jsonl, .ndjson, .json): {\"type\":\"stock\"|\"price\"|\"delist\"|\"order\", ...fields}.",
            "Order lines carry orderId, locationId, quantity (>= 1) and status PLACED or CANCELLED.",
            "CSV stock feeds (.csv): header partnerId,sku,locationId,quantity,occurredAt[,eventId].",
            "Bad lines are reported as file:line and skipped; the exit code is 1 if there were any."})
public final class FeedCommand implements Callable<Integer> {

    private static final long PROGRESS_EVERY = 100_000;

    @Mixin
    ConfigOption config;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Feed files, produced in the order given.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        for (final Path file : files) {
            if (!Files.isReadable(file)) {
                err.println("stockflow feed: cannot read " + file);
                return ExitCodes.USAGE;
            }
            try {
                FeedFormat.of(file); // every file's format is checked before anything is produced
            } catch (final UnsupportedFeedFormatException e) {
                err.println("stockflow feed: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        final StockflowConfig settings = config.load(Map.of());
        settings.require(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG, "feed produces to Kafka");
        settings.require(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "feed registers and encodes Avro records");
        TopicProvisioner.using(settings, provisioner ->
                provisioner.createMissingInputs(settings.getInt(StockflowConfig.TOPIC_PARTITIONS_CONFIG)));

        FeedSummary total = FeedSummary.EMPTY;
        try (SchemaRegistryClient registry = RegistryClients.create(settings);
             InputProducer producer = new InputProducer(settings, registry)) {
            for (final Path file : files) {
                final FeedSummary summary = FeedFiles.parse(file, new ProducingSink(producer, err, file));
                out.println(file + ": " + summary);
                total = total.plus(summary);
            }
            producer.flush();
            out.println("Produced " + producer.acknowledged() + " records from " + files.size() + " file(s): "
                    + total);
            if (producer.failed() > 0) {
                err.println("stockflow feed: " + producer.failed() + " records could not be produced; first error: "
                        + producer.firstError());
                return ExitCodes.FAILURE;
            }
        }
        return total.hasBadLines() ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    /** Produces each good line, reports each bad one, and prints progress on large files. */
    private static final class ProducingSink implements FeedSink {
        private final InputProducer producer;
        private final PrintWriter err;
        private final Path file;
        private long lines;

        ProducingSink(final InputProducer producer, final PrintWriter err, final Path file) {
            this.producer = producer;
            this.err = err;
            this.file = file;
        }

        @Override
        public void accept(final ParsedRecord record) {
            producer.send(record.input(), record.key(), record.value(), record.occurredAt());
            progress();
        }

        @Override
        public void reject(final FeedError error) {
            err.println(error);
            progress();
        }

        private void progress() {
            if (++lines % PROGRESS_EVERY == 0) {
                err.println(file + ": " + lines + " lines read, " + producer.acknowledged() + " records acknowledged");
                err.flush();
            }
        }
    }
}
