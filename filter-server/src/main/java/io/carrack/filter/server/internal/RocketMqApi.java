package io.carrack.filter.server.internal;

import java.util.Map;

/**
 * Sandbox-only stand-ins for the RocketMQ 4.x types a filter class written for the RocketMQ client's
 * {@code subscribe(topic, fullClassName, filterClassSource)} implements and reads:
 * {@code org.apache.rocketmq.common.filter.MessageFilter} ({@code boolean match(MessageExt, FilterContext)}),
 * {@code FilterContext}, and {@code org.apache.rocketmq.common.message.Message} / {@code MessageExt} with
 * their getters. They exist only as source text, compiled together with such a filter and defined by its
 * sandbox class loader, so they never meet the real RocketMQ classes of any class path. The messages
 * are read-only views of {@link io.carrack.filter.server.api.MessageView}; an adapter, also compiled in,
 * turns the RocketMQ-style filter into a Carrack {@link io.carrack.filter.server.api.MessageFilter}.
 *
 * <p>Thread safety: immutable.
 */
final class RocketMqApi {
    /** The RocketMQ filter interface, binary name. */
    static final String FILTER = "org.apache.rocketmq.common.filter.MessageFilter";
    /** The adapter, binary name; public constructor {@code (Object filter, String consumerGroup)}. */
    static final String ADAPTER = "org.apache.rocketmq.common.message.SandboxFilterAdapter";

    /** The stand-ins' sources by binary class name. */
    static final Map<String, String> SOURCES = Map.of(
            FILTER, """
                    package org.apache.rocketmq.common.filter;

                    import org.apache.rocketmq.common.message.MessageExt;

                    public interface MessageFilter {
                        boolean match(MessageExt msg, FilterContext context);
                    }
                    """,
            "org.apache.rocketmq.common.filter.FilterContext", """
                    package org.apache.rocketmq.common.filter;

                    public class FilterContext {
                        private String consumerGroup;

                        public String getConsumerGroup() {
                            return consumerGroup;
                        }

                        public void setConsumerGroup(String consumerGroup) {
                            this.consumerGroup = consumerGroup;
                        }
                    }
                    """,
            "org.apache.rocketmq.common.message.Message", """
                    package org.apache.rocketmq.common.message;

                    import io.carrack.filter.server.api.MessageView;
                    import java.util.HashMap;
                    import java.util.Map;

                    public class Message {
                        final MessageView view;

                        Message(MessageView view) {
                            this.view = view;
                        }

                        public String getTopic() {
                            return view.topic();
                        }

                        public String getTags() {
                            return view.tags();
                        }

                        public String getKeys() {
                            return view.keys();
                        }

                        public int getFlag() {
                            return view.flag();
                        }

                        public byte[] getBody() {
                            return view.body();
                        }

                        public String getProperty(String name) {
                            return view.property(name);
                        }

                        public String getUserProperty(String name) {
                            return view.property(name);
                        }

                        public Map<String, String> getProperties() {
                            return new HashMap<>(view.properties());
                        }

                        public int getDelayTimeLevel() {
                            String level = view.property("DELAY");
                            return level == null ? 0 : Integer.parseInt(level.trim());
                        }

                        public boolean isWaitStoreMsgOK() {
                            return !"false".equals(view.property("WAIT"));
                        }

                        public String getBuyerId() {
                            return view.property("BUYER_ID");
                        }

                        public String getTransactionId() {
                            return "true".equals(view.property("TRAN_MSG")) ? view.property("UNIQ_KEY") : null;
                        }

                        @Override
                        public String toString() {
                            return "Message{topic='" + getTopic() + "', flag=" + getFlag() + ", properties="
                                    + view.properties() + "}";
                        }
                    }
                    """,
            "org.apache.rocketmq.common.message.MessageExt", """
                    package org.apache.rocketmq.common.message;

                    import io.carrack.filter.server.api.MessageView;

                    public class MessageExt extends Message {
                        MessageExt(MessageView view) {
                            super(view);
                        }

                        public int getQueueId() {
                            return view.queueId();
                        }

                        public long getQueueOffset() {
                            return view.queueOffset();
                        }

                        public long getCommitLogOffset() {
                            return view.commitLogOffset();
                        }

                        public long getBornTimestamp() {
                            return view.bornTimestamp();
                        }

                        public long getStoreTimestamp() {
                            return view.storeTimestamp();
                        }

                        public String getBornHostString() {
                            return hostOf(view.bornHost());
                        }

                        public String getMsgId() {
                            return view.messageId();
                        }

                        public int getSysFlag() {
                            return view.sysFlag();
                        }

                        public int getBodyCRC() {
                            return view.bodyCrc();
                        }

                        public int getStoreSize() {
                            return view.storeSize();
                        }

                        public int getReconsumeTimes() {
                            return view.reconsumeTimes();
                        }

                        public long getPreparedTransactionOffset() {
                            return view.preparedTransactionOffset();
                        }

                        private static String hostOf(String hostPort) {
                            if (hostPort == null) {
                                return null;
                            }
                            int colon = hostPort.lastIndexOf(':');
                            return colon < 0 ? hostPort : hostPort.substring(0, colon);
                        }

                        @Override
                        public String toString() {
                            return "MessageExt{queueId=" + getQueueId() + ", queueOffset=" + getQueueOffset()
                                    + ", msgId=" + getMsgId() + ", " + super.toString() + "}";
                        }
                    }
                    """,
            ADAPTER, """
                    package org.apache.rocketmq.common.message;

                    import io.carrack.filter.server.api.MessageView;
                    import org.apache.rocketmq.common.filter.FilterContext;
                    import org.apache.rocketmq.common.filter.MessageFilter;

                    public final class SandboxFilterAdapter implements io.carrack.filter.server.api.MessageFilter {
                        private final MessageFilter filter;
                        private final String consumerGroup;

                        public SandboxFilterAdapter(Object filter, String consumerGroup) {
                            this.filter = (MessageFilter) filter;
                            this.consumerGroup = consumerGroup;
                        }

                        @Override
                        public boolean match(MessageView message) {
                            FilterContext context = new FilterContext();
                            context.setConsumerGroup(consumerGroup);
                            return filter.match(new MessageExt(message), context);
                        }
                    }
                    """);

    private RocketMqApi() {
    }

    /**
     * Whether a filter source is written against the RocketMQ API (it names its package); only then are
     * the stand-ins compiled in.
     */
    static boolean isUsedBy(String source) {
        return source.contains("org.apache.rocketmq");
    }
}
