package io.carrack.broker.internal.schedule;

import io.carrack.broker.internal.persist.JsonConfigFile;
import io.carrack.broker.internal.topic.TopicValidator;
import io.carrack.common.lifecycle.ServiceThread;
import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.MessageConst;
import io.carrack.common.message.StoredMessage;
import io.carrack.common.message.StoredMessageCodec;
import io.carrack.remoting.protocol.body.DelayOffsetSerializeWrapper;
import io.carrack.spi.filter.MessageFilter;
import io.carrack.spi.store.GetResult;
import io.carrack.spi.store.GetStatus;
import io.carrack.spi.store.MessageStore;
import io.carrack.spi.store.PutResult;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers delayed messages (PROTOCOL.md section 13.10): reads each level's queue of
 * {@code SCHEDULE_TOPIC_XXXX} in order and, once a message's delivery time (store time + the level's
 * delay) has passed, writes it to its {@code REAL_TOPIC}/{@code REAL_QID} without {@code DELAY}.
 * Progress per level is kept in {@code config/delayOffset.json}.
 *
 * <p>Thread safety: one service thread does the delivery; offsets are readable from any thread.
 */
public final class ScheduleMessageService extends ServiceThread {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleMessageService.class);
    private static final int BATCH = 32;
    private static final long IDLE_MILLIS = 100;

    private final MessageStore store;
    private final DelayLevels levels;
    private final InstantSource clock;
    private final Supplier<InetSocketAddress> storeHost;
    private final JsonConfigFile file;
    private final ConcurrentMap<Integer, Long> offsets = new ConcurrentHashMap<>();

    public ScheduleMessageService(MessageStore store, DelayLevels levels, InstantSource clock,
                                  Supplier<InetSocketAddress> storeHost, Path configDir) {
        super("broker", "schedule", IDLE_MILLIS, true);
        this.store = store;
        this.levels = levels;
        this.clock = clock;
        this.storeHost = storeHost;
        this.file = new JsonConfigFile(configDir.resolve("delayOffset.json"));
    }

    /** Loads {@code delayOffset.json}. */
    public void load() {
        file.read(DelayOffsetSerializeWrapper.class).ifPresent(w -> offsets.putAll(w.getOffsetTable()));
    }

    /** Writes {@code delayOffset.json}. */
    public void persist() {
        file.write(snapshot());
    }

    /** The progress of every level. */
    public DelayOffsetSerializeWrapper snapshot() {
        DelayOffsetSerializeWrapper w = new DelayOffsetSerializeWrapper();
        w.setOffsetTable(new HashMap<>(offsets));
        return w;
    }

    @Override
    protected int doWork() {
        int delivered = 0;
        for (int level = 1; level <= levels.maxLevel(); level++) {
            delivered += deliverLevel(level);
        }
        return delivered;
    }

    @Override
    protected void onStop() {
        persist();
    }

    private int deliverLevel(int level) {
        int queueId = level - 1;
        long offset = offsets.getOrDefault(level, 0L);
        long now = clock.millis();
        long delay = levels.delayMillis(level);
        int delivered = 0;
        try (GetResult r = store.get(TopicValidator.SCHEDULE_TOPIC, queueId, offset, BATCH, MessageFilter.ALL)) {
            if (r.status() == GetStatus.OFFSET_TOO_SMALL || r.status() == GetStatus.OFFSET_OVERFLOW_BADLY) {
                offsets.put(level, r.nextBeginOffset());
                return 0;
            }
            if (r.status() != GetStatus.FOUND) {
                return 0;
            }
            List<ByteBuffer> messages = r.messages();
            List<Long> queueOffsets = r.queueOffsets();
            for (int i = 0; i < messages.size(); i++) {
                StoredMessage m = StoredMessageCodec.decode(messages.get(i).duplicate());
                if (m.storeTimestamp() + delay > now) {
                    return delivered;
                }
                if (!deliver(m)) {
                    return delivered;
                }
                offsets.put(level, queueOffsets.get(i) + 1);
                delivered++;
            }
            if (delivered == messages.size()) {
                offsets.put(level, Math.max(offsets.getOrDefault(level, 0L), r.nextBeginOffset()));
            }
        }
        return delivered;
    }

    private boolean deliver(StoredMessage m) {
        Map<String, String> props = new LinkedHashMap<>(m.properties());
        String realTopic = props.get(MessageConst.REAL_TOPIC);
        String realQueue = props.get(MessageConst.REAL_QUEUE_ID);
        if (realTopic == null || realQueue == null) {
            LOG.warn("scheduled message at {} has no real topic; dropped", m.physicalOffset());
            return true;
        }
        props.remove(MessageConst.DELAY_TIME_LEVEL);
        props.put(MessageConst.WAIT_STORE_MSG_OK, "false");
        BrokerMessage out = new BrokerMessage().topic(realTopic).queueId(Integer.parseInt(realQueue)).body(m.body())
                .flag(m.flag()).sysFlag(m.sysFlag()).bornTimestamp(m.bornTimestamp()).bornHost(m.bornHost())
                .storeHost(storeHost.get()).reconsumeTimes(m.reconsumeTimes()).properties(props);
        out.tagsCode(BrokerMessage.tagsCodeOf(out.tags()));
        PutResult r = store.put(out);
        if (!r.status().stored()) {
            LOG.warn("cannot deliver scheduled message to {}: {}; will retry", realTopic, r.status());
            return false;
        }
        return true;
    }
}
