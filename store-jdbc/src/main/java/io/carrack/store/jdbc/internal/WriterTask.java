package io.carrack.store.jdbc.internal;

import io.carrack.spi.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Maintenance work (topic deletion, a retention step) run on the writer thread with the writer's connection,
 * between batches of puts, so it sees and changes the writer's state consistently.
 *
 * @param <T> the result
 *
 * <p>Thread safety: submitted from any thread, run on the writer thread.
 */
final class WriterTask<T> implements WriterRequest {
    /** The work; it commits or rolls back itself. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection writer) throws SQLException;
    }

    private final String name;
    private final Work<T> work;
    private final CompletableFuture<T> future = new CompletableFuture<>();

    WriterTask(String name, Work<T> work) {
        this.name = name;
        this.work = work;
    }

    String name() {
        return name;
    }

    /** Runs the work. Writer only. */
    void run(Connection writer) throws SQLException {
        try {
            future.complete(work.run(writer));
        } catch (SQLException | RuntimeException | AssertionError e) {
            future.completeExceptionally(e);
            throw e;
        }
    }

    /** Fails the task with an exception (the writer could not run it). */
    void fail(Throwable t) {
        future.completeExceptionally(t);
    }

    @Override
    public void abandon() {
        future.completeExceptionally(new StoreException("the store closed before " + name + " ran"));
    }

    /** Waits for the result. */
    T await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof StoreException se) {
                        throw se;
                    }
                    throw new StoreException(name + " failed: " + c.getMessage(), c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
