package dev.stockflow.cli;

import dev.stockflow.config.StockflowConfig;
import dev.stockflow.feed.JsonLinesFeedWriter;
import dev.stockflow.runtime.InputProducer;
import dev.stockflow.runtime.RegistryClients;
import dev.stockflow.runtime.TopicProvisioner;
import dev.stockflow.runtime.WorkloadRunner;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.workload.GeneratedEvent;
import dev.stockflow.workload.WorkloadGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stockflow generate}: the seeded synthetic workload, to Kafka or to a JSON Lines feed file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a realistic synthetic workload (seeded): hot offers, full-feed re-pushes,",
            "duplicates, late events, delistings, order lines (mostly on hot offers, some cancelled, settled",
            "by the partners' later counts; --order-share) and a few bad records. Produces to the input",
            "topics, or writes a JSON Lines feed file with --output."})
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    WorkloadOptions workload;

    @Option(names = "--events", defaultValue = "100000", description = "How many events (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rate", defaultValue = "0",
            description = "Events per second to produce; 0 means as fast as possible (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--output", paramLabel = "FILE", description = "Write a JSON Lines feed file instead of producing.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        workload.check(spec.commandLine());
        WorkloadOptions.require(spec.commandLine(), events >= 0, "--events must not be negative, was " + events);
        WorkloadOptions.require(spec.commandLine(), rate >= 0 && Double.isFinite(rate),
                "--rate must be 0 (as fast as possible) or more, was " + rate);
        final WorkloadGenerator generator = new WorkloadGenerator(
                workload.settings(events, rate > 0 ? rate : 10_000));
        return output != null ? writeFile(generator) : produce(generator);
    }

    private int writeFile(final WorkloadGenerator generator) throws IOException {
        long written = 0;
        try (BufferedWriter file = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
             JsonLinesFeedWriter writer = new JsonLinesFeedWriter(file)) {
            for (long i = 0; i < events; i++) {
                final GeneratedEvent event = generator.next();
                if (writer.write(event)) {
                    written++;
                }
            }
        }
        spec.commandLine().getOut().println("Wrote " + written + " events to " + output
                + " (events whose key does not match their value cannot be written to a feed file)");
        return ExitCodes.OK;
    }

    private int produce(final WorkloadGenerator generator) {
        final StockflowConfig settings = config.load(Map.of());
        settings.require(StockflowConfig.BOOTSTRAP_SERVERS_CONFIG,
                "generate produces to Kafka unless --output is given");
        settings.require(StockflowConfig.SCHEMA_REGISTRY_URL_CONFIG, "generate encodes Avro records");
        TopicProvisioner.using(settings, provisioner ->
                provisioner.createMissingInputs(settings.getInt(StockflowConfig.TOPIC_PARTITIONS_CONFIG)));
        try (SchemaRegistryClient registry = RegistryClients.create(settings);
             InputProducer producer = new InputProducer(settings, registry)) {
            final WorkloadRunner runner = new WorkloadRunner(generator, producer, events, rate);
            runner.run();
            spec.commandLine().getOut().println("Produced " + producer.acknowledged() + " of " + runner.sent()
                    + " events");
            if (producer.failed() > 0) {
                spec.commandLine().getErr().println("stockflow generate: " + producer.failed()
                        + " events could not be produced; first error: " + producer.firstError());
                return ExitCodes.FAILURE;
            }
        }
        return ExitCodes.OK;
    }
}
