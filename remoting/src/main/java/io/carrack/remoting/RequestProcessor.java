package io.carrack.remoting;

/**
 * Handles requests of the codes it is registered for.
 *
 * <p>Thread safety: called concurrently from the executor it was registered with.
 */
@FunctionalInterface
public interface RequestProcessor {
    /**
     * Processes a request.
     *
     * @return the response (its opaque is set by the caller), or null when the processor answers later
     *         through {@link RemoteChannel#write} or the request is one-way
     * @throws Exception answered with SYSTEM_ERROR and the exception's text as remark
     */
    RemotingCommand process(RemoteChannel channel, RemotingCommand request) throws Exception;

    /** Whether to refuse requests now with SYSTEM_BUSY (e.g. while starting or overloaded). */
    default boolean rejectRequest() {
        return false;
    }
}
