/** The Java filter server process. */
module io.carrack.filter.server {
    requires io.carrack.common;
    requires io.carrack.remoting;
}
