package io.carrack.client.internal.producer;

import io.carrack.client.ClientException;
import io.carrack.client.internal.ClientApi;
import io.carrack.client.internal.ClientInstance;
import io.carrack.client.internal.ClientMember;
import io.carrack.client.internal.Compression;
import io.carrack.client.internal.MixTopics;
import io.carrack.client.internal.Responses;
import io.carrack.client.internal.Routes;
import io.carrack.client.internal.SendRequest;
import io.carrack.client.producer.MessageQueueSelector;
import io.carrack.client.producer.Producer;
import io.carrack.client.producer.SendResult;
import io.carrack.client.producer.SendStatus;
import io.carrack.common.message.BatchMessageCodec;
import io.carrack.common.message.Message;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageQueue;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.ProducerData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer: publish queue lists per topic (from the topic's route, or TBW102's until the topic
 * exists), round-robin selection that avoids the broker that just failed, and the
 * SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE path with retries (PROTOCOL.md sections 6 and 13.3).
 *
 * <p>Thread safety: all public methods may be called from any thread.
 */
public final class DefaultProducer implements Producer, ClientMember {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultProducer.class);
    private static final Pattern TOPIC = Pattern.compile("^[%|a-zA-Z0-9_-]+$");
    private static final Set<Integer> RETRY_CODES = Set.of(ResponseCode.TOPIC_NOT_EXIST,
            ResponseCode.SERVICE_NOT_AVAILABLE, ResponseCode.SYSTEM_ERROR, ResponseCode.NO_PERMISSION,
            ResponseCode.NO_BUYER_ID, ResponseCode.NOT_IN_CURRENT_UNIT);

    private final ProducerConfig config;
    private final ClientInstance client;
    private final Map<String, TopicPublishInfo> publish = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DefaultProducer(ProducerConfig config) {
        this.config = config;
        this.client = new ClientInstance(config.settings());
    }

    /** Creates and starts a producer. */
    public static DefaultProducer start(ProducerConfig config) {
        DefaultProducer p = new DefaultProducer(config);
        p.client.register(p);
        p.client.start();
        LOG.info("producer {} of group {} started", p.client.clientId(), config.group());
        return p;
    }

    // ---- ClientMember

    @Override
    public Set<String> topics() {
        return publish.keySet();
    }

    @Override
    public void onRoute(String topic, TopicRouteData route) {
        List<MessageQueue> queues = Routes.publishQueues(topic, route);
        if (!queues.isEmpty()) {
            TopicPublishInfo old = publish.get(topic);
            publish.put(topic, new TopicPublishInfo(queues, false, old != null ? old.index() : newIndex()));
        }
    }

    @Override
    public ProducerData producerData() {
        ProducerData d = new ProducerData();
        d.setGroupName(config.group());
        return d;
    }

    private static AtomicInteger newIndex() {
        return new AtomicInteger(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16));
    }

    // ---- routing

    private TopicPublishInfo publishInfo(String topic) {
        TopicPublishInfo info = publish.get(topic);
        if (info != null && !info.queues().isEmpty() && !info.fromDefaultTopic()) {
            return info;
        }
        TopicRouteData route = client.refreshRoute(topic);
        if (route != null) {
            info = publish.get(topic);
            if (info != null && !info.queues().isEmpty()) {
                return info;
            }
        }
        if (info != null && !info.queues().isEmpty()) {
            return info;
        }
        TopicRouteData def;
        try {
            def = client.fetchRoute(MixTopics.DEFAULT_TOPIC);
        } catch (ClientException e) {
            throw new ClientException(ResponseCode.TOPIC_NOT_EXIST, "no route of topic " + topic
                    + " and no route of " + MixTopics.DEFAULT_TOPIC + " to create it from", e);
        }
        TopicRouteData inherited = Routes.inheritDefault(def, config.defaultTopicQueueNums());
        List<MessageQueue> queues = Routes.publishQueues(topic, inherited);
        if (queues.isEmpty()) {
            throw new ClientException(ResponseCode.TOPIC_NOT_EXIST, "no writable queue for topic " + topic);
        }
        for (var bd : inherited.getBrokerDatas()) {
            if (client.masterAddr(bd.getBrokerName()) == null) {
                client.refreshRoute(MixTopics.DEFAULT_TOPIC);
                break;
            }
        }
        TopicPublishInfo fresh = new TopicPublishInfo(queues, true, info != null ? info.index() : newIndex());
        publish.putIfAbsent(topic, fresh);
        return publish.getOrDefault(topic, fresh);
    }

    @Override
    public List<MessageQueue> publishQueues(String topic) {
        ensureOpen();
        return publishInfo(topic).queues();
    }

    // ---- sends

    @Override
    public SendResult send(Message message) {
        ensureOpen();
        checkMessage(message);
        long begin = System.currentTimeMillis();
        TopicPublishInfo info = publishInfo(message.getTopic());
        int attempts = 1 + config.retryTimesWhenSendFailed();
        String lastBroker = null;
        ClientException lastError = null;
        for (int i = 0; i < attempts; i++) {
            long remaining = config.sendTimeoutMillis() - (System.currentTimeMillis() - begin);
            if (remaining <= 0) {
                break;
            }
            MessageQueue mq = info.select(lastBroker);
            lastBroker = mq.brokerName();
            try {
                SendResult r = sendOnce(message, mq, info.fromDefaultTopic(), remaining);
                if (r.status() != SendStatus.SEND_OK && config.retryAnotherBrokerWhenNotStoreOK() && i + 1 < attempts) {
                    continue;
                }
                return r;
            } catch (ClientException e) {
                lastError = e;
                if (e.responseCode() != ClientException.NO_RESPONSE && !RETRY_CODES.contains(e.responseCode())) {
                    throw e;
                }
                LOG.debug("send to {} failed (attempt {} of {}): {}", mq, i + 1, attempts, e.getMessage());
            }
        }
        if (lastError != null) {
            throw lastError;
        }
        throw new ClientException("send of a message to " + message.getTopic() + " timed out after "
                + config.sendTimeoutMillis() + " ms");
    }

    @Override
    public SendResult send(Message message, MessageQueue queue) {
        ensureOpen();
        checkMessage(message);
        if (!queue.topic().equals(message.getTopic())) {
            throw new IllegalArgumentException("queue " + queue + " is not of topic " + message.getTopic());
        }
        return sendOnce(message, queue, false, config.sendTimeoutMillis());
    }

    @Override
    public SendResult send(Message message, MessageQueueSelector selector, Object arg) {
        ensureOpen();
        checkMessage(message);
        TopicPublishInfo info = publishInfo(message.getTopic());
        MessageQueue mq = selector.select(info.queues(), message, arg);
        return sendOnce(message, mq, info.fromDefaultTopic(), config.sendTimeoutMillis());
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message) {
        try {
            ensureOpen();
            checkMessage(message);
            TopicPublishInfo info = publishInfo(message.getTopic());
            CompletableFuture<SendResult> result = new CompletableFuture<>();
            sendAsyncAttempt(message, info, null, config.retryTimesWhenSendAsyncFailed(), result);
            return result;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void sendAsyncAttempt(Message message, TopicPublishInfo info, String avoidBroker, int retriesLeft,
                                  CompletableFuture<SendResult> result) {
        MessageQueue mq = info.select(avoidBroker);
        CompletableFuture<SendResult> attempt;
        try {
            attempt = sendOnceAsync(message, mq, info.fromDefaultTopic(), config.sendTimeoutMillis());
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((r, err) -> {
            if (err == null) {
                result.complete(r);
                return;
            }
            ClientException ce = Responses.wrap(err, "send to " + mq);
            boolean retriable = ce.responseCode() == ClientException.NO_RESPONSE
                    || RETRY_CODES.contains(ce.responseCode());
            if (retriable && retriesLeft > 0 && !closed.get()) {
                LOG.debug("async send to {} failed, retrying: {}", mq, ce.getMessage());
                sendAsyncAttempt(message, info, mq.brokerName(), retriesLeft - 1, result);
            } else {
                result.completeExceptionally(ce);
            }
        });
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Message message, MessageQueueSelector selector, Object arg) {
        try {
            ensureOpen();
            checkMessage(message);
            TopicPublishInfo info = publishInfo(message.getTopic());
            MessageQueue mq = selector.select(info.queues(), message, arg);
            return sendOnceAsync(message, mq, info.fromDefaultTopic(), config.sendTimeoutMillis());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void sendOneway(Message message) {
        ensureOpen();
        checkMessage(message);
        TopicPublishInfo info = publishInfo(message.getTopic());
        oneway(message, info.select(null), info.fromDefaultTopic());
    }

    @Override
    public void sendOneway(Message message, MessageQueueSelector selector, Object arg) {
        ensureOpen();
        checkMessage(message);
        TopicPublishInfo info = publishInfo(message.getTopic());
        oneway(message, selector.select(info.queues(), message, arg), info.fromDefaultTopic());
    }

    private void oneway(Message message, MessageQueue mq, boolean fromDefault) {
        Prepared p = prepare(message, mq, fromDefault);
        try {
            client.api().remoting().invokeOneway(p.addr, ClientApi.sendCommand(p.request), config.sendTimeoutMillis());
        } catch (RuntimeException e) {
            throw Responses.wrap(e, "one-way send to " + mq);
        }
    }

    @Override
    public SendResult send(Collection<Message> batch) {
        ensureOpen();
        Batch b = batch(batch);
        TopicPublishInfo info = publishInfo(b.topic);
        long begin = System.currentTimeMillis();
        int attempts = 1 + config.retryTimesWhenSendFailed();
        String lastBroker = null;
        ClientException lastError = null;
        for (int i = 0; i < attempts; i++) {
            long remaining = config.sendTimeoutMillis() - (System.currentTimeMillis() - begin);
            if (remaining <= 0) {
                break;
            }
            MessageQueue mq = info.select(lastBroker);
            lastBroker = mq.brokerName();
            try {
                return sendBatchOnceAsync(b, mq, info.fromDefaultTopic(), remaining).join();
            } catch (RuntimeException e) {
                ClientException ce = Responses.wrap(e, "batch send to " + mq);
                lastError = ce;
                if (ce.responseCode() != ClientException.NO_RESPONSE && !RETRY_CODES.contains(ce.responseCode())) {
                    throw ce;
                }
            }
        }
        if (lastError != null) {
            throw lastError;
        }
        throw new ClientException("batch send to " + b.topic + " timed out");
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(Collection<Message> batch) {
        try {
            ensureOpen();
            Batch b = batch(batch);
            TopicPublishInfo info = publishInfo(b.topic);
            return sendBatchOnceAsync(b, info.select(null), info.fromDefaultTopic(), config.sendTimeoutMillis());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- the wire

    private SendResult sendOnce(Message message, MessageQueue mq, boolean fromDefault, long timeoutMillis) {
        Prepared p = prepare(message, mq, fromDefault);
        RemotingCommand resp;
        try {
            resp = client.api().remoting().invokeSync(p.addr, ClientApi.sendCommand(p.request), timeoutMillis);
        } catch (RuntimeException e) {
            throw Responses.wrap(e, "send to " + mq);
        }
        return parse(resp, mq, p.uniqueKey);
    }

    private CompletableFuture<SendResult> sendOnceAsync(Message message, MessageQueue mq, boolean fromDefault,
                                                        long timeoutMillis) {
        Prepared p = prepare(message, mq, fromDefault);
        return client.api().remoting().invokeAsync(p.addr, ClientApi.sendCommand(p.request), timeoutMillis)
                .thenApply(resp -> parse(resp, mq, p.uniqueKey));
    }

    private CompletableFuture<SendResult> sendBatchOnceAsync(Batch b, MessageQueue mq, boolean fromDefault,
                                                             long timeoutMillis) {
        String addr = addrOf(mq);
        SendRequest req = new SendRequest(config.group(), b.topic, MixTopics.DEFAULT_TOPIC,
                config.defaultTopicQueueNums(), mq.queueId(), 0, System.currentTimeMillis(), 0, b.properties, 0, null,
                true, mq.brokerName(), b.body);
        return client.api().remoting().invokeAsync(addr, ClientApi.sendCommand(req), timeoutMillis)
                .thenApply(resp -> parse(resp, mq, b.uniqueKeys));
    }

    private record Prepared(String addr, SendRequest request, String uniqueKey) {
    }

    private Prepared prepare(Message message, MessageQueue mq, boolean fromDefault) {
        String addr = addrOf(mq);
        String uniq = message.ensureUniqueKey();
        byte[] body = message.getBody();
        int sysFlag = 0;
        if (body.length >= config.compressThreshold()) {
            byte[] compressed = Compression.compress(body);
            body = compressed;
            sysFlag |= Compression.ZLIB_FLAGS;
        }
        if (Boolean.parseBoolean(message.getProperty(MessageConst.TRANSACTION_PREPARED))) {
            sysFlag |= io.carrack.common.message.MessageSysFlag.TRANSACTION_PREPARED_TYPE;
        }
        int reconsumeTimes = 0;
        Integer maxReconsumeTimes = null;
        String properties;
        if (message.getTopic().startsWith(MixTopics.RETRY_PREFIX)) {
            Map<String, String> props = new LinkedHashMap<>(message.getProperties());
            String rt = props.remove(MessageConst.RECONSUME_TIME);
            String mrt = props.remove(MessageConst.MAX_RECONSUME_TIMES);
            reconsumeTimes = rt == null ? 0 : Integer.parseInt(rt);
            maxReconsumeTimes = mrt == null ? null : Integer.valueOf(mrt);
            properties = io.carrack.common.message.MessageProperties.encode(props);
        } else {
            properties = message.encodedProperties();
        }
        SendRequest req = new SendRequest(config.group(), message.getTopic(), MixTopics.DEFAULT_TOPIC,
                config.defaultTopicQueueNums(), mq.queueId(), sysFlag, System.currentTimeMillis(), message.getFlag(),
                properties, reconsumeTimes, maxReconsumeTimes, false, mq.brokerName(), body);
        return new Prepared(addr, req, uniq);
    }

    private String addrOf(MessageQueue mq) {
        String addr = client.masterAddr(mq.brokerName(), mq.topic());
        if (addr == null) {
            addr = client.masterAddr(mq.brokerName(), MixTopics.DEFAULT_TOPIC);
        }
        if (addr == null) {
            throw new ClientException("no master address of broker " + mq.brokerName());
        }
        return addr;
    }

    static SendResult parse(RemotingCommand resp, MessageQueue mq, String uniqueKey) {
        SendStatus status = switch (resp.code()) {
            case ResponseCode.SUCCESS -> SendStatus.SEND_OK;
            case ResponseCode.FLUSH_DISK_TIMEOUT -> SendStatus.FLUSH_DISK_TIMEOUT;
            case ResponseCode.FLUSH_SLAVE_TIMEOUT -> SendStatus.FLUSH_SLAVE_TIMEOUT;
            case ResponseCode.SLAVE_NOT_AVAILABLE -> SendStatus.SLAVE_NOT_AVAILABLE;
            default -> throw new ClientException(resp.code(), "send to " + mq + " failed: code " + resp.code()
                    + ", " + resp.remark());
        };
        int queueId = resp.intField("queueId", mq.queueId());
        String region = resp.field(MessageConst.MSG_REGION);
        return new SendResult(status, uniqueKey, resp.field("msgId"), new MessageQueue(mq.topic(), mq.brokerName(),
                queueId), resp.longField("queueOffset", -1), region == null ? "DefaultRegion" : region);
    }

    // ---- checks

    private record Batch(String topic, byte[] body, String properties, String uniqueKeys) {
    }

    private Batch batch(Collection<Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one message");
        }
        List<Message> list = new ArrayList<>(messages);
        String topic = list.get(0).getTopic();
        boolean wait = list.get(0).isWaitStoreMsgOK();
        List<String> keys = new ArrayList<>(list.size());
        for (Message m : list) {
            checkMessage(m);
            if (!m.getTopic().equals(topic)) {
                throw new IllegalArgumentException("all messages of a batch must have the same topic");
            }
            if (m.isWaitStoreMsgOK() != wait) {
                throw new IllegalArgumentException("all messages of a batch must have the same waitStoreMsgOK");
            }
            if (m.getDelayTimeLevel() > 0) {
                throw new IllegalArgumentException("a batch cannot hold delayed messages");
            }
            if (topic.startsWith(MixTopics.RETRY_PREFIX)) {
                throw new IllegalArgumentException("a batch cannot go to a retry topic");
            }
            keys.add(m.ensureUniqueKey());
        }
        byte[] body = BatchMessageCodec.encode(list);
        if (body.length > config.maxMessageSize()) {
            throw new IllegalArgumentException("batch body is " + body.length + " bytes; at most "
                    + config.maxMessageSize());
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put(MessageConst.WAIT_STORE_MSG_OK, Boolean.toString(wait));
        return new Batch(topic, body, io.carrack.common.message.MessageProperties.encode(props),
                String.join(",", keys));
    }

    private void checkMessage(Message m) {
        if (m == null) {
            throw new IllegalArgumentException("message is null");
        }
        String topic = m.getTopic();
        if (topic.length() > 127 || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("illegal topic name " + topic + ": allowed ^[%|a-zA-Z0-9_-]+$, "
                    + "at most 127 characters");
        }
        if (m.getBody().length == 0) {
            throw new IllegalArgumentException("message body is empty");
        }
        if (m.getBody().length > config.maxMessageSize()) {
            throw new IllegalArgumentException("message body is " + m.getBody().length + " bytes; at most "
                    + config.maxMessageSize());
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new ClientException("producer " + config.group() + " is closed");
        }
    }

    // ---- Producer

    @Override
    public String group() {
        return config.group();
    }

    @Override
    public String clientId() {
        return client.clientId();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.unregister(this);
        client.unregisterFromBrokers(config.group(), null);
        client.close();
        LOG.info("producer {} of group {} closed", client.clientId(), config.group());
    }
}
