package dev.stockflow.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The Confluent Schema Registry wire format for one record type: magic byte 0, the 4-byte big-endian
 * schema id, then the Avro binary encoding.
 *
 * <p>Decoding reads with the writer schema the id names, resolved against this type's schema, so data
 * written with an older or newer compatible schema decodes into the current class. Readers are cached
 * per writer id. The type is a generated (specific) record class, or {@code GenericRecord} for a schema
 * that has no class. Thread-safe.
 */
public final class AvroWireFormat<T extends IndexedRecord> {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;
    private static final int HTTP_NOT_FOUND = 404;
    /** Bad ids are remembered so a stream of garbage does not ask the registry per record; capped, as ids are. */
    private static final int MAX_REJECTED_IDS = 1024;
    /**
     * How long an id the registry did not know is taken as unknown without asking again. Short, because the
     * answer can change: a registry follower that has not caught up yet, or a proxy answering 404 while the
     * registry restarts. What an id names, once known, never changes, so those rejections are kept.
     */
    static final long UNKNOWN_ID_RECHECK_NANOS = 5_000_000_000L;
    /** For as long as the process lives (about 70 years; expiry compares differences, so a wrap-around is harmless). */
    private static final long KEPT_NANOS = Long.MAX_VALUE / 4;

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, DatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Rejection> rejectedIds = new ConcurrentHashMap<>();
    private final boolean autoRegister;
    private final LongSupplier nanoClock;

    public AvroWireFormat(final SchemaRegistryClient registry, final Schema schema, final boolean autoRegister) {
        this(registry, schema, autoRegister, System::nanoTime);
    }

    AvroWireFormat(final SchemaRegistryClient registry, final Schema schema, final boolean autoRegister,
                   final LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.registry = registry;
        this.schema = schema;
        this.writer = new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
        this.autoRegister = autoRegister;
    }

    public Schema schema() {
        return schema;
    }

    /** The schema id under the subject, registering the schema first when auto-registration is on. */
    public int schemaId(final String subject) {
        final Integer cached = idsBySubject.get(subject);
        if (cached != null) {
            return cached;
        }
        // Not computeIfAbsent: the registry call may retry for seconds and must not block other subjects.
        final int id = autoRegister ? registry.register(subject, schema) : registry.idOf(subject, schema);
        idsBySubject.putIfAbsent(subject, id);
        return id;
    }

    /** Encodes the record for the subject ({@code <topic>-value}). */
    public byte[] encode(final String subject, final T record) {
        final int id = schemaId(subject);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes wire-format bytes into the record type.
     *
     * @throws UndecodableException     the bytes are at fault: too short, wrong magic byte, an id the
     *                                  registry does not know (or that is not Avro), or corrupt Avro
     * @throws SchemaRegistryException the registry could not be asked (outage, refusal): not the bytes' fault
     */
    public T decode(final byte[] bytes) throws UndecodableException {
        if (bytes == null || bytes.length < HEADER_LENGTH) {
            throw new UndecodableException("too short for the wire format: " + (bytes == null ? 0 : bytes.length)
                    + " bytes, need at least " + HEADER_LENGTH);
        }
        if (bytes[0] != MAGIC_BYTE) {
            throw new UndecodableException("unknown magic byte " + bytes[0] + ", expected 0");
        }
        final int id = ((bytes[1] & 0xFF) << 24) | ((bytes[2] & 0xFF) << 16) | ((bytes[3] & 0xFF) << 8)
                | (bytes[4] & 0xFF);
        final DatumReader<T> reader = readerFor(id);
        final BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(bytes, HEADER_LENGTH,
                bytes.length - HEADER_LENGTH);
        final T record;
        try {
            record = reader.read(null, decoder);
        } catch (final IOException | RuntimeException e) {
            throw new UndecodableException("corrupt Avro for schema id " + id + ": " + e, e);
        }
        if (!isEnd(decoder)) {
            throw new UndecodableException("corrupt Avro: trailing bytes after the record (schema id " + id + ")");
        }
        return record;
    }

    /**
     * The writer schema is a record of this name, or of a name this schema lists among its aliases: Avro's own
     * rule for matching named schemas (the namespace may differ), which the registry's compatibility check
     * applies too.
     */
    private boolean isThisRecord(final Schema writerSchema) {
        return writerSchema.getType() == Schema.Type.RECORD && SchemaCompatibility.schemaNameEquals(schema,
                writerSchema);
    }

    private static String describe(final Schema writerSchema) {
        return writerSchema.getType() == Schema.Type.RECORD ? writerSchema.getFullName()
                : "a schema of type " + writerSchema.getType().getName();
    }

    private UndecodableException reject(final int id, final String message, final long validForNanos) {
        final long now = nanoClock.getAsLong();
        if (rejectedIds.size() >= MAX_REJECTED_IDS) {
            rejectedIds.values().removeIf(rejection -> now - rejection.validUntilNanos() >= 0); // expired ones
        }
        if (rejectedIds.size() < MAX_REJECTED_IDS) {
            rejectedIds.put(id, new Rejection(message, now + validForNanos));
        }
        return new UndecodableException(message);
    }

    /** 40403, or a bare HTTP 404 from a registry that sends no Confluent error code, or a non-Avro schema. */
    private static boolean isUnknownId(final int errorCode) {
        return errorCode == SchemaRegistryErrors.SCHEMA_NOT_FOUND || errorCode == HTTP_NOT_FOUND
                || errorCode == SchemaRegistryErrors.NOT_AVRO;
    }

    private static boolean isEnd(final BoundedBinaryDecoder decoder) {
        try {
            return decoder.isEnd();
        } catch (final IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the input is an array in memory
        }
    }

    private DatumReader<T> readerFor(final int id) throws UndecodableException {
        final DatumReader<T> cached = readersByWriterId.get(id);
        if (cached != null) {
            return cached;
        }
        final Rejection rejected = rejectedIds.get(id);
        if (rejected != null) {
            if (nanoClock.getAsLong() - rejected.validUntilNanos() < 0) {
                throw new UndecodableException(rejected.message());
            }
            rejectedIds.remove(id, rejected);
        }
        final Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (final SchemaRegistryException e) {
            if (!isUnknownId(e.errorCode())) {
                throw e; // the registry is unreachable or failing: not the record's fault, so no dead letter
            }
            throw reject(id, "unknown schema id " + id + ": " + e.getMessage(),
                    e.errorCode() == SchemaRegistryErrors.NOT_AVRO ? KEPT_NANOS : UNKNOWN_ID_RECHECK_NANOS);
        }
        if (!isThisRecord(writerSchema)) {
            // Avro's schema resolution does not compare record names: an OfferDelisted reader would happily
            // read a StockUpdate, whose fields include all of its own.
            throw reject(id, "schema id " + id + " is " + describe(writerSchema) + ", not " + schema.getFullName(),
                    KEPT_NANOS);
        }
        final DatumReader<T> reader = new SpecificDatumReader<>(writerSchema, schema,
                SpecificData.getForSchema(schema));
        readersByWriterId.put(id, reader);
        return reader;
    }

    /** Why an id's records are undecodable, and until when that answer is trusted. */
    private record Rejection(String message, long validUntilNanos) {
    }
}
