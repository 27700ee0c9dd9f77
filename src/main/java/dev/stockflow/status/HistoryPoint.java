package dev.stockflow.status;

/**
 * One point of the status page's chart: the rates over one sample interval ending at {@code time}, and the total
 * consumer lag of this instance's input partitions at that moment.
 *
 * @param time epoch milliseconds
 */
public record HistoryPoint(long time, double events, double snapshots, double deadLetters, long lag) {
}
