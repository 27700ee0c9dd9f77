package dev.stockflow.bench.jmh;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.SnapshotView;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.SnapshotEncoder;
import dev.stockflow.state.ByteWriter;
import dev.stockflow.state.StoredOffer;
import dev.stockflow.state.StoredOfferCodec;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The state store round trip every event pays (decode the stored offer, encode it back), and the
 * snapshot a change emits (its view of the state, written in the Avro wire format as the processor writes
 * it), for an offer with three locations and four channels whose Omnibus histories hold
 * {@code pricesPerChannel} prices.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StateCodecBenchmark {

    @Param({"1", "10", "30"})
    public int pricesPerChannel;

    private StoredOffer offer;
    private byte[] stored;
    private SnapshotEncoder snapshotEncoder;
    private final SnapshotView snapshotView = new SnapshotView(RuleSettings.DEFAULTS);
    private final ByteWriter snapshotScratch = new ByteWriter(512);
    private final byte[] offerKey = "partner-7:SKU104711".getBytes(StandardCharsets.UTF_8);

    @Setup
    public void buildOffer() {
        offer = HotPathFixtures.offer(pricesPerChannel);
        stored = StoredOfferCodec.encode(offer);
        snapshotEncoder = new SnapshotEncoder(
                new AvroWireFormat<>(new InMemorySchemaRegistry(), OfferSnapshot.getClassSchema(), true),
                "offer-snapshots-value");
    }

    @Benchmark
    public StoredOffer decodeState() {
        return StoredOfferCodec.decode(stored);
    }

    @Benchmark
    public byte[] encodeState() {
        return StoredOfferCodec.encode(offer);
    }

    @Benchmark
    public byte[] encodeSnapshot() {
        return snapshotEncoder.encode(snapshotView.show(offerKey, offer.state()), snapshotScratch);
    }
}
