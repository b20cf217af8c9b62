package io.carrack.filter.server.internal;

import io.carrack.filter.server.api.MessageView;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A message view with a tag, properties and a text body. */
record FakeView(String tags, Map<String, String> properties, String text, long queueOffset) implements MessageView {
    @Override
    public String topic() {
        return "T";
    }

    @Override
    public String keys() {
        return null;
    }

    @Override
    public String property(String name) {
        return properties.get(name);
    }

    @Override
    public byte[] body() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String bodyAsString() {
        return text;
    }

    @Override
    public String messageId() {
        return "id-" + queueOffset;
    }

    @Override
    public int queueId() {
        return 0;
    }

    @Override
    public long bornTimestamp() {
        return 0;
    }

    @Override
    public long storeTimestamp() {
        return 0;
    }

    @Override
    public int reconsumeTimes() {
        return 0;
    }

    @Override
    public int flag() {
        return 0;
    }

    @Override
    public long commitLogOffset() {
        return 1000 + queueOffset;
    }

    @Override
    public int sysFlag() {
        return 0;
    }

    @Override
    public int storeSize() {
        return 100;
    }

    @Override
    public int bodyCrc() {
        return 0;
    }

    @Override
    public String bornHost() {
        return "10.0.0.1:50000";
    }

    @Override
    public String storeHost() {
        return "10.0.0.2:10911";
    }

    @Override
    public long preparedTransactionOffset() {
        return 0;
    }
}
