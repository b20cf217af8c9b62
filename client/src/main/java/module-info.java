/** The Carrack Java client: producer, consumers, admin. */
module io.carrack.client {
    requires io.carrack.common;
    requires io.carrack.remoting;
}
