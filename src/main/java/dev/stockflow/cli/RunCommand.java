package dev.stockflow.cli;

import dev.stockflow.runtime.StockflowProcessor;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stockflow run}: the processor, until SIGTERM or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the processor: input topics -> offer state -> snapshots, with the HTTP API.")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        final StockflowProcessor processor = StockflowProcessor.start(config.load(Map.of()));
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            processor.close();
            stopped.countDown();
        }, "stockflow-shutdown"));
        final boolean failed;
        try {
            failed = processor.awaitTermination();
        } catch (final InterruptedException e) {
            processor.close();
            throw e;
        }
        if (failed) {
            // Kafka Streams gave up (state ERROR): exit non-zero so a supervisor restarts the instance.
            spec.commandLine().getErr().println("stockflow run: "
                    + processor.failure().orElse("Kafka Streams failed; see the log above"));
            processor.close();
            return ExitCodes.FAILURE;
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
