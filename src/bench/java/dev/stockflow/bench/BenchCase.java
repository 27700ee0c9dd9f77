package dev.stockflow.bench;

import dev.stockflow.bench.app.BenchApp;
import dev.stockflow.config.StockflowConfig;

/** The applications measured on the same preloaded input. */
enum BenchCase {

    /** The physical limit: bytes copied from the input topics to an output topic. */
    PASSTHROUGH("passthrough", BenchApp.PASSTHROUGH, "", null),
    /** Stockflow as shipped: exactly_once_v2. */
    STOCKFLOW_EOS("stockflow-eos", BenchApp.STOCKFLOW, StockflowConfig.EXACTLY_ONCE_V2, SnapshotOutput.Format.AVRO),
    /**
     * Stockflow as shipped, over the data set with order lines: the same number of events, a share of them
     * ({@code --order-share}) order lines instead of stock and price updates.
     */
    STOCKFLOW_EOS_ORDERS("stockflow-eos-orders", BenchApp.STOCKFLOW, StockflowConfig.EXACTLY_ONCE_V2,
            SnapshotOutput.Format.AVRO),
    /** Stockflow with at_least_once. */
    STOCKFLOW_ALOS("stockflow-alos", BenchApp.STOCKFLOW, StockflowConfig.AT_LEAST_ONCE, SnapshotOutput.Format.AVRO),
    /** The baseline: a typical Kafka Streams DSL implementation of the same rules (guarantee set by option). */
    PEER("peer", BenchApp.PEER, "", SnapshotOutput.Format.JSON);

    private final String id;
    private final String app;
    private final String guarantee;
    private final SnapshotOutput.Format output;

    BenchCase(final String id, final String app, final String guarantee, final SnapshotOutput.Format output) {
        this.id = id;
        this.app = app;
        this.guarantee = guarantee;
        this.output = output;
    }

    String id() {
        return id;
    }

    String app() {
        return app;
    }

    /** The processing guarantee it runs with; empty when the harness decides (the peer) or none applies. */
    String guarantee() {
        return guarantee;
    }

    /** The format of its snapshot output, or null when it writes no snapshots. */
    SnapshotOutput.Format output() {
        return output;
    }

    boolean writesSnapshots() {
        return output != null;
    }

    /** Whether it runs over the data set with order lines (the others run over the one without). */
    boolean withOrders() {
        return this == STOCKFLOW_EOS_ORDERS;
    }

    /** Whether it is Stockflow itself, which takes the {@code --stockflow-set} settings. */
    boolean isStockflow() {
        return BenchApp.STOCKFLOW.equals(app);
    }

    static BenchCase byId(final String id) {
        for (final BenchCase value : values()) {
            if (value.id.equals(id)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown case '" + id + "'; known: passthrough, stockflow-eos, "
                + "stockflow-eos-orders, stockflow-alos, peer");
    }
}
