package dev.stockflow.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the messages one logger writes (at the levels the test logging configuration lets through), for
 * tests of what Stockflow logs. Close it to detach.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> throwables = new CopyOnWriteArrayList<>();
    private final Logger logger;
    private final AbstractAppender appender;

    private LogCapture(final Logger logger, final String name) {
        this.logger = logger;
        appender = new AbstractAppender("capture-" + name, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(final LogEvent event) {
                messages.add(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    final StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    throwables.add(trace.toString());
                }
            }
        };
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts collecting what the logger of {@code source} writes. */
    public static LogCapture of(final Class<?> source) {
        return new LogCapture((Logger) LogManager.getLogger(source), source.getSimpleName());
    }

    /** Starts collecting what every logger writes (through the root logger), with the stack traces logged. */
    public static LogCapture everything() {
        return new LogCapture((Logger) LogManager.getRootLogger(), "root");
    }

    /** Every message and every logged stack trace (messages of causes included) so far, as one text. */
    public String text() {
        return String.join("\n", messages) + "\n" + String.join("\n", throwables);
    }

    /** The messages so far, formatted, oldest first. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.removeAppender(appender);
        appender.stop();
    }
}
