package dev.stockflow.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The median and the range of one figure over the repetitions of a case. */
record Spread(double median, double min, double max) {

    static <T> Spread of(final List<T> runs, final ToDoubleFunction<T> figure) {
        final double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        if (values.length == 0) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN);
        }
        final int middle = values.length / 2;
        final double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return new Spread(median, values[0], values[values.length - 1]);
    }

    Map<String, Object> toJson(final int decimals) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("median", round(median, decimals));
        json.put("min", round(min, decimals));
        json.put("max", round(max, decimals));
        return json;
    }

    static double round(final double value, final int decimals) {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {median, min, max});
    }
}
