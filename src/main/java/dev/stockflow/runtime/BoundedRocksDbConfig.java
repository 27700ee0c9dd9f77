package dev.stockflow.runtime;

import dev.stockflow.config.StockflowConfig;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps RocksDB's off-heap memory for the whole process: every store shares one LRU block cache, and
 * memtables are charged against that same cache through one write buffer manager. Index and filter
 * blocks live in the cache too, so they cannot grow outside the budget as the state grows.
 *
 * <p>The budget is {@code rocksdb.memory.mb}; a quarter of it may be held by memtables. The shared
 * objects live as long as the process, which is why {@link #close} does not close them.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {

    private static final double INDEX_FILTER_HIGH_PRIORITY_RATIO = 0.1;
    private static final long MEMTABLE_BYTES = 16L * 1024 * 1024;
    private static final long BLOCK_BYTES = 16L * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    @Override
    public void setConfig(final String storeName, final Options options, final Map<String, Object> configs) {
        final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(sharedCache(budgetBytes(configs)));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_BYTES);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(writeBufferManager);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setMaxWriteBufferNumber(3);
    }

    @Override
    public void close(final String storeName, final Options options) {
        // The cache and write buffer manager are shared by every store of the process.
    }

    private static synchronized Cache sharedCache(final long budgetBytes) {
        if (cache == null) {
            cache = new LRUCache(budgetBytes, -1, false, INDEX_FILTER_HIGH_PRIORITY_RATIO);
            writeBufferManager = new WriteBufferManager(budgetBytes / 4, cache);
        }
        return cache;
    }

    private static long budgetBytes(final Map<String, Object> configs) {
        final Object megabytes = configs.get(StockflowConfig.ROCKSDB_MEMORY_MB_CONFIG);
        final long mb = megabytes == null ? StockflowConfig.ROCKSDB_MEMORY_MB_DEFAULT
                : Long.parseLong(megabytes.toString());
        return mb * 1024 * 1024;
    }
}
