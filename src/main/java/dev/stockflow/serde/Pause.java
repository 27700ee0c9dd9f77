package dev.stockflow.serde;

import java.time.Duration;

/** Waits between retry rounds; tests swap it for one that records the waits instead of taking them. */
@FunctionalInterface
interface Pause {

    Pause SLEEP = duration -> Thread.sleep(duration.toMillis());

    void pause(Duration duration) throws InterruptedException;
}
