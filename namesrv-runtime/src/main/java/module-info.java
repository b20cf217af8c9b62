/** The name server: route tables, broker registration and expiry, KV config. */
module io.carrack.namesrv {
    requires io.carrack.common;
    requires io.carrack.remoting;
}
