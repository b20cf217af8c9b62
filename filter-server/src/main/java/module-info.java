/**
 * The Java filter server: a separate process, next to a broker, that compiles consumers' filter classes
 * (source code implementing {@link io.carrack.filter.server.api.MessageFilter}), verifies their bytecode
 * against a whitelist, loads them in a sandbox class loader and runs them with a time budget on pulls it
 * forwards to its broker.
 *
 * <p>Exports the filter API that user filter classes implement ({@code io.carrack.filter.server.api})
 * and the process entry points ({@code io.carrack.filter.server}); the implementation stays internal.
 */
module io.carrack.filter.server {
    requires io.carrack.common;
    requires io.carrack.remoting;
    requires java.compiler;

    exports io.carrack.filter.server;
    exports io.carrack.filter.server.api;
}
