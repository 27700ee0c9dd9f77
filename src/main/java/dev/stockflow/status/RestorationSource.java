package dev.stockflow.status;

import java.util.Optional;

/**
 * Where the status page learns how far the state restoration is. Whoever tracks restoration (a Kafka Streams
 * restore listener) implements it with one lambda; until one does, {@link #UNTRACKED} makes the page say that
 * restoration is not tracked instead of claiming that nothing restores.
 */
@FunctionalInterface
public interface RestorationSource {

    /** Nothing tracks restoration: the figures are unknown. */
    RestorationSource UNTRACKED = Optional::empty;

    /** The figures as of now, or empty when they are not known. Called by the sampler thread, once a second. */
    Optional<RestorationFigures> figures();
}
