package io.carrack.remoting;

/**
 * Runs around every request a client sends (e.g. ACL signing) or a server receives (e.g. ACL checks).
 *
 * <p>Thread safety: called from any thread.
 */
public interface RpcHook {
    /** Before a request is written (client) or processed (server); may add fields or throw to refuse. */
    void beforeRequest(String remoteAddress, RemotingCommand request);

    /** After a response is received (client) or produced (server). */
    default void afterResponse(String remoteAddress, RemotingCommand request, RemotingCommand response) {
    }
}
