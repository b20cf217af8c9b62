/** A store on LMDB (lmdbjava). Exports nothing. */
module io.carrack.store.lmdb {
    requires io.carrack.spi;
}
