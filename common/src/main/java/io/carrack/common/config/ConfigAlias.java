package io.carrack.common.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Other spellings a configuration key is also accepted under, put on the key's setter. For keys
 * kept for compatibility, such as RocketMQ's {@code mapedFileSizeCommitLog} for
 * {@code mappedFileSizeCommitLog}:
 * <pre>{@code
 * @ConfigAlias("mapedFileSizeCommitLog")
 * public void setMappedFileSizeCommitLog(int size) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ConfigAlias {
    /** The alternative key names. */
    String[] value();
}
