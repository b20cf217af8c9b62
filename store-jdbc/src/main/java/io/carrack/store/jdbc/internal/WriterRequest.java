package io.carrack.store.jdbc.internal;

/**
 * Work for the {@link WriteService}: a put, or a maintenance task that must not interleave with puts.
 *
 * <p>Thread safety: see the implementations.
 */
sealed interface WriterRequest permits PutRequest, WriterTask {
    /** Fails the request without running it (the store is closing). */
    void abandon();
}
