package io.carrack.common.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes several resources, keeping every failure. */
public final class Closeables {
    private static final Logger LOG = LoggerFactory.getLogger(Closeables.class);

    private Closeables() {
    }

    /**
     * Closes each resource in order (nulls skipped); the first failure is rethrown with later ones
     * attached as suppressed.
     */
    public static void closeAll(AutoCloseable... resources) {
        RuntimeException first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (first == null) {
                    first = e instanceof RuntimeException re ? re : new IllegalStateException("close failed", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Closes a resource, logging (not throwing) a failure; for shutdown paths. */
    public static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("failed to close {}", resource, e);
        }
    }
}
