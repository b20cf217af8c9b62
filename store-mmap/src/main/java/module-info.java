/**
 * The default store: a memory-mapped CommitLog with ConsumeQueues and an IndexFile, found by the broker
 * as {@code storeType=mmap}. Exports nothing; {@code jdk.unsupported} is needed only to unmap files
 * promptly ({@code Unmapper}).
 */
module io.carrack.store.mmap {
    requires io.carrack.spi;
    requires jdk.unsupported;

    provides io.carrack.spi.store.MessageStoreProvider with io.carrack.store.mmap.MmapMessageStoreProvider;
}
