package dev.stockflow.bench.jmh;

import dev.stockflow.avro.PriceUpdate;
import dev.stockflow.avro.StockUpdate;
import dev.stockflow.offer.InputRules;
import dev.stockflow.serde.AvroWireFormat;
import dev.stockflow.serde.InMemorySchemaRegistry;
import dev.stockflow.serde.UndecodableException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The first step of every input record: decoding the registry wire format, and the field rules. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBenchmark {

    private AvroWireFormat<StockUpdate> stockFormat;
    private AvroWireFormat<PriceUpdate> priceFormat;
    private byte[] stockBytes;
    private byte[] priceBytes;
    private StockUpdate stock;
    private PriceUpdate price;

    @Setup
    public void encodeInputs() {
        final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        stockFormat = new AvroWireFormat<>(registry, StockUpdate.getClassSchema(), true);
        priceFormat = new AvroWireFormat<>(registry, PriceUpdate.getClassSchema(), true);
        final Instant at = Instant.ofEpochMilli(HotPathFixtures.T0);
        stock = new StockUpdate("3f9a1c2e-000000012345", "partner-7", "SKU104711", "wh-moenchengladbach", 17, at);
        price = new PriceUpdate("3f9a1c2e-000000012346", "partner-7", "SKU104711", "zalando-de", "EUR", 4_999L,
                3_999L, at);
        stockBytes = stockFormat.encode("stock-updates-value", stock);
        priceBytes = priceFormat.encode("price-updates-value", price);
    }

    @Benchmark
    public StockUpdate decodeStock() throws UndecodableException {
        return stockFormat.decode(stockBytes);
    }

    @Benchmark
    public PriceUpdate decodePrice() throws UndecodableException {
        return priceFormat.decode(priceBytes);
    }

    @Benchmark
    public String validateStock() {
        return InputRules.check(stock);
    }

    @Benchmark
    public String validatePrice() {
        return InputRules.check(price);
    }
}
