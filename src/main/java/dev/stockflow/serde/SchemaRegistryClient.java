package dev.stockflow.serde;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that Stockflow uses. Implementations cache: ids
 * and schemas never change once assigned, so each is fetched at most once.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers the schema under the subject (or finds it already registered) and returns its id. */
    int register(String subject, Schema schema);

    /** The id of a schema already registered under the subject; fails when it is not registered. */
    int idOf(String subject, Schema schema);

    /** The schema with this id; fails with {@link SchemaRegistryException} when there is none. */
    Schema schemaById(int id);

    @Override
    default void close() {
    }
}
