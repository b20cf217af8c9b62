/**
 * The name server: route tables, broker registration and expiry, KV config. Exports
 * {@code io.carrack.namesrv} ({@code NameServer}, {@code NamesrvConfig}, {@code NamesrvStartup}).
 */
module io.carrack.namesrv {
    requires io.carrack.common;
    requires io.carrack.remoting;
    requires org.slf4j;

    exports io.carrack.namesrv;
}
