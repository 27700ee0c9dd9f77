package dev.stockflow.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@link BearerTokens} in step with {@code http.auth.tokens.file}, so tokens rotate without a restart.
 *
 * <p>It reads the whole file every poll and compares the bytes with the last ones loaded: a token file is a few
 * hundred bytes, and unlike a modification time (one second coarse on some file systems) or a WatchService
 * (which misses Kubernetes' swap of a Secret volume's symlink) the content never misses a change.
 *
 * <p>At start a file that cannot be read or holds no valid token is an error. Later, such a file (deleted, made
 * unreadable, a bad line, emptied half-way through a rewrite) does not lock everyone out: the tokens loaded
 * before stay valid, one warning says so, and the next good content is loaded as usual.
 */
public final class TokenFileWatcher implements AutoCloseable {

    /** How often the file is read. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(TokenFileWatcher.class);

    private final Path file;
    private final BearerTokens tokens;
    private ScheduledExecutorService poller;
    private byte[] loaded;
    private boolean failing;

    /**
     * Loads the file.
     *
     * @throws IllegalArgumentException it cannot be read or holds no valid token (the message names the file and
     *                                  line, never a token)
     */
    TokenFileWatcher(final Path file) {
        this.file = file;
        try {
            this.loaded = Files.readAllBytes(file);
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + " (" + e + ")", e);
        }
        this.tokens = new BearerTokens(TokenFile.parse(file, loaded));
        LOG.info("Bearer tokens loaded from {}: {} token(s); the file is read again every {} s", file,
                tokens.size(), POLL_INTERVAL.toSeconds());
    }

    BearerTokens tokens() {
        return tokens;
    }

    /** Reads the file every {@link #POLL_INTERVAL} on a daemon thread of its own, until closed. */
    synchronized TokenFileWatcher start() {
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
                final Thread thread = new Thread(runnable, "stockflow-token-file");
                thread.setDaemon(true);
                return thread;
            });
            poller.scheduleWithFixedDelay(this::check, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Reads the file once and loads its tokens when the content changed; never throws. */
    synchronized void check() {
        final byte[] content;
        final Set<String> read;
        try {
            content = Files.readAllBytes(file);
            if (Arrays.equals(content, loaded)) {
                recovered();
                return;
            }
            read = TokenFile.parse(file, content);
        } catch (final IOException | RuntimeException e) {
            // Whatever went wrong, the poller goes on: a scheduled task that throws is never run again.
            failed(e instanceof IllegalArgumentException ? e.getMessage() : e.toString());
            return;
        }
        tokens.replace(read);
        loaded = content;
        failing = false;
        LOG.info("Bearer tokens reloaded from {}: {} token(s)", file, read.size());
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("The token file {} is readable again; its {} token(s) stay valid", file, tokens.size());
        }
    }

    private void failed(final String reason) {
        if (!failing) {
            failing = true;
            LOG.warn("Cannot reload the bearer tokens: {}. The {} token(s) loaded before stay valid until the file "
                    + "can be read again (this is logged once)", reason, tokens.size());
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
