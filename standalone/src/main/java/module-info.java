/**
 * {@code carrack standalone}: a name server and a broker in one JVM. The store and filter plugins on
 * the module path are bound through the broker's {@code uses} clauses.
 */
module io.carrack.standalone {
    requires io.carrack.namesrv;
    requires io.carrack.broker;
    requires org.slf4j;
}
