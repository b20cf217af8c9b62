/**
 * A store on LMDB (lmdbjava with its bundled native library), found by the broker as {@code storeType=lmdb}.
 * Exports nothing. lmdbjava needs {@code --add-opens java.base/java.nio=org.lmdbjava} and
 * {@code --add-exports java.base/sun.nio.ch=org.lmdbjava} at run time (README.md); {@code jdk.unsupported} is
 * required only so that lmdbjava's {@code sun.misc.Unsafe} buffer access is resolved on the module path.
 */
module io.carrack.store.lmdb {
    requires io.carrack.spi;
    requires org.lmdbjava;
    requires jdk.unsupported;

    provides io.carrack.spi.store.MessageStoreProvider with io.carrack.store.lmdb.LmdbMessageStoreProvider;
}
