package dev.stockflow.topology;

import dev.stockflow.offer.Input;
import dev.stockflow.offer.InputRecordType;
import dev.stockflow.offer.OfferEvent;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.SchemaRegistryClient;
import dev.stockflow.serde.UndecodableException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * How one input topic's records are decoded, checked and turned into {@link OfferEvent}s: the wire format
 * of the input's record class, and what {@link InputRecordType} says about the decoded record.
 */
final class InputFormat<T extends SpecificRecord> {

    private final Input input;
    private final InputRecordType<?> recordType;
    private final AvroWireFormat<T> wireFormat;

    private InputFormat(final Input input, final AvroWireFormat<T> wireFormat) {
        this.input = input;
        this.recordType = input.recordType();
        this.wireFormat = wireFormat;
    }

    /** The format of the input's values; the processor only reads, so it never registers a schema. */
    static InputFormat<?> of(final Input input, final SchemaRegistryClient registry) {
        return of(input, input.recordType().type(), registry);
    }

    private static <T extends SpecificRecord> InputFormat<T> of(final Input input, final Class<T> type,
                                                                final SchemaRegistryClient registry) {
        return new InputFormat<>(input, new AvroWireFormat<>(registry, SpecificData.get().getSchema(type), false));
    }

    Input input() {
        return input;
    }

    T decode(final byte[] bytes) throws UndecodableException {
        return wireFormat.decode(bytes);
    }

    /** Null when the record follows the field rules, else what is wrong. */
    String violation(final T record) {
        return recordType.violation(record);
    }

    /** The offer key the record belongs to: {@code partnerId + ":" + sku}. */
    String offerKey(final T record) {
        return recordType.offerKey(record);
    }

    OfferEvent toEvent(final T record) {
        return recordType.toEvent(record);
    }
}
