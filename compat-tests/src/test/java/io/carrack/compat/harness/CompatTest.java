package io.carrack.compat.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a compatibility test: it runs once per selected store type (see {@link Stores}) against a
 * name server and broker shared by all tests of the class for that store. The method takes a
 * {@link CompatEnv} parameter.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(CompatExtension.class)
public @interface CompatTest {
}
