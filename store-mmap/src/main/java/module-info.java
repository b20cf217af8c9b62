/** The default store: memory-mapped CommitLog, ConsumeQueue and IndexFile. Exports nothing. */
module io.carrack.store.mmap {
    requires io.carrack.spi;
}
