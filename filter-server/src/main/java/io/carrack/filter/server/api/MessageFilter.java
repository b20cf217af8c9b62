package io.carrack.filter.server.api;

/**
 * A consumer's class filter. A consumer sends the Java source of a public class implementing this
 * interface, with a public no-argument constructor; the filter server compiles it, checks it and calls
 * {@link #match} for every message of the subscribed topic before handing messages to the consumer.
 *
 * <pre>{@code
 * import io.carrack.filter.server.api.MessageFilter;
 * import io.carrack.filter.server.api.MessageView;
 *
 * public class BigOrders implements MessageFilter {
 *     public boolean match(MessageView m) {
 *         String amount = m.property("amount");
 *         return amount != null && Long.parseLong(amount) > 1000;
 *     }
 * }
 * }</pre>
 *
 * <p>Rules: each call has a time budget; a filter that exceeds it, throws, or runs out of memory is
 * disabled and the consumer's pulls report why.
 *
 * <p>Thread safety: an instance is called from one thread at a time, so it need not be thread-safe.
 */
@FunctionalInterface
public interface MessageFilter {
    /** Whether the consumer wants this message. */
    boolean match(MessageView message);
}
