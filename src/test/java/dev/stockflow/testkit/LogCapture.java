package dev.stockflow.testkit;

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
    private final Logger logger;
    private final AbstractAppender appender;

    private LogCapture(final Class<?> source) {
        logger = (Logger) LogManager.getLogger(source);
        appender = new AbstractAppender("capture-" + source.getSimpleName(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(final LogEvent event) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts collecting what the logger of {@code source} writes. */
    public static LogCapture of(final Class<?> source) {
        return new LogCapture(source);
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
