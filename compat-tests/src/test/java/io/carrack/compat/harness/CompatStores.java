package io.carrack.compat.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits the {@link CompatTest}s of a class to some stores: for a store not named here (by its id, see
 * {@link Stores}) the invocations are skipped, saying so, and no servers are started for it. For tests of
 * what does not depend on the store (admin tooling, for example), where running once is enough.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CompatStores {

    /** The store ids the tests run against, e.g. {@code "mmap"}. */
    String[] value();
}
