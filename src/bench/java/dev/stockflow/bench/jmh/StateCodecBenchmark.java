package dev.stockflow.bench.jmh;

import dev.stockflow.avro.OfferSnapshot;
import dev.stockflow.offer.RuleSettings;
import dev.stockflow.offer.SnapshotMapper;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.state.StoredOffer;
import dev.stockflow.state.StoredOfferCodec;
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
 * snapshot a change emits (mapping the state, Avro wire-format encoding), for an offer with three
 * locations and four channels whose Omnibus histories hold {@code pricesPerChannel} prices.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StateCodecBenchmark {

    @Param({"1", "10", "30"})
    public int pricesPerChannel;

    private StoredOffer offer;
    private byte[] stored;
    private AvroWireFormat<OfferSnapshot> snapshotFormat;

    @Setup
    public void buildOffer() {
        offer = HotPathFixtures.offer(pricesPerChannel);
        stored = StoredOfferCodec.encode(offer);
        snapshotFormat = new AvroWireFormat<>(new InMemorySchemaRegistry(), OfferSnapshot.getClassSchema(), true);
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
        final OfferSnapshot snapshot = SnapshotMapper.toSnapshot("partner-7:SKU104711", offer.state(),
                RuleSettings.DEFAULTS);
        return snapshotFormat.encode("offer-snapshots-value", snapshot);
    }
}
