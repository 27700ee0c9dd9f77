package dev.stockflow.offer;

/** The status an order line event gives its line: placed (reserves until settled) or cancelled (ended). */
public enum OrderStatus {
    PLACED, CANCELLED
}
