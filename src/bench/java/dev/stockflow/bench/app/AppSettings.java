package dev.stockflow.bench.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of an application under benchmark: {@code KIND --name value ...}, where a repeated
 * {@code --set key=value} adds a setting of the application itself. Written by the harness, so parsing
 * is strict and plain.
 */
public final class AppSettings {

    public static final String BOOTSTRAP = "bootstrap";
    public static final String REGISTRY = "registry";
    public static final String RUN_ID = "run-id";
    /** Input records to handle before reporting DONE; -1 runs until stdin closes. */
    public static final String EXPECTED = "expected";
    public static final String STOCK_TOPIC = "stock-topic";
    public static final String PRICE_TOPIC = "price-topic";
    public static final String DELISTING_TOPIC = "delisting-topic";
    public static final String OUTPUT_TOPIC = "output-topic";
    public static final String DLQ_TOPIC = "dlq-topic";
    public static final String STATE_DIR = "state-dir";
    public static final String GUARANTEE = "guarantee";
    public static final String SET = "set";

    private final String kind;
    private final Map<String, String> values;
    private final Map<String, String> extra;

    private AppSettings(final String kind, final Map<String, String> values, final Map<String, String> extra) {
        this.kind = kind;
        this.values = values;
        this.extra = extra;
    }

    /**
     * The order-events topic of a data set, named as its delisting topic with "order-events" for
     * "offer-delistings": the harness creates it beside the other inputs (Stockflow's run requires it) and
     * leaves it empty, since the benchmark's workload places no orders.
     */
    public static String orderTopicBeside(final String delistingTopic) {
        return delistingTopic.replace("offer-delistings", "order-events");
    }

    public static AppSettings parse(final String[] args) {
        if (args.length == 0 || args.length % 2 == 0) {
            throw new IllegalArgumentException("usage: KIND (--name value)...");
        }
        final Map<String, String> values = new HashMap<>();
        final Map<String, String> extra = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name, got " + args[i]);
            }
            final String name = args[i].substring(2);
            if (SET.equals(name)) {
                final int equals = args[i + 1].indexOf('=');
                extra.put(args[i + 1].substring(0, equals), args[i + 1].substring(equals + 1));
            } else {
                values.put(name, args[i + 1]);
            }
        }
        return new AppSettings(args[0], values, extra);
    }

    /** The arguments that {@link #parse} reads back. */
    public static List<String> arguments(final String kind, final Map<String, String> values,
                                         final Map<String, String> extra) {
        final List<String> args = new ArrayList<>();
        args.add(kind);
        values.forEach((name, value) -> {
            args.add("--" + name);
            args.add(value);
        });
        extra.forEach((key, value) -> {
            args.add("--" + SET);
            args.add(key + "=" + value);
        });
        return args;
    }

    public String kind() {
        return kind;
    }

    public String get(final String name) {
        final String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    public long expected() {
        return Long.parseLong(get(EXPECTED));
    }

    /** The application's own settings given with {@code --set}. */
    public Map<String, String> extra() {
        return Map.copyOf(extra);
    }
}
