package io.carrack.broker.internal.group;

import io.carrack.broker.BrokerConfig;
import io.carrack.broker.internal.persist.JsonConfigFile;
import io.carrack.remoting.protocol.body.SubscriptionGroupConfig;
import io.carrack.remoting.protocol.body.SubscriptionGroupWrapper;
import io.carrack.remoting.protocol.route.DataVersion;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer group settings, auto-created on first use when {@code autoCreateSubscriptionGroup} is on,
 * persisted to {@code config/subscriptionGroup.json}.
 *
 * <p>Thread safety: reads are lock-free; changes are serialized on this object.
 */
public final class SubscriptionGroupManager {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionGroupManager.class);
    private static final String[] SYSTEM_GROUPS = {"TOOLS_CONSUMER", "FILTERSRV_CONSUMER", "SELF_TEST_C_GROUP",
        "CID_RMQ_SYS_TRANS", "CID_ONS-HTTP-PROXY", "CID_ONSAPI_PULL", "CID_ONSAPI_PERMISSION", "CID_ONSAPI_OWNER"};

    private final BrokerConfig config;
    private final InstantSource clock;
    private final JsonConfigFile file;
    private final ConcurrentMap<String, SubscriptionGroupConfig> table = new ConcurrentHashMap<>();
    private final DataVersion dataVersion = new DataVersion();

    public SubscriptionGroupManager(BrokerConfig config, InstantSource clock, Path configDir) {
        this.config = config;
        this.clock = clock;
        this.file = new JsonConfigFile(configDir.resolve("subscriptionGroup.json"));
        for (String g : SYSTEM_GROUPS) {
            SubscriptionGroupConfig c = SubscriptionGroupConfig.defaults(g);
            c.setConsumeBroadcastEnable(true);
            table.put(g, c);
        }
    }

    /** Loads {@code subscriptionGroup.json}. */
    public void load() {
        file.read(SubscriptionGroupWrapper.class).ifPresent(w -> {
            table.putAll(w.getSubscriptionGroupTable());
            synchronized (this) {
                dataVersion.setTimestamp(w.getDataVersion().getTimestamp());
                dataVersion.setCounter(w.getDataVersion().getCounter());
            }
            LOG.info("loaded {} subscription groups from {}", w.getSubscriptionGroupTable().size(), file.path());
        });
    }

    /** Writes {@code subscriptionGroup.json}. */
    public void persist() {
        file.write(snapshot());
    }

    /** The group's config, or null. Do not modify it. */
    public SubscriptionGroupConfig select(String group) {
        return table.get(group);
    }

    /** The group's config, created with defaults when absent and auto-creation is on; else null. */
    public SubscriptionGroupConfig findOrCreate(String group) {
        SubscriptionGroupConfig c = table.get(group);
        if (c != null || !config.isAutoCreateSubscriptionGroup()) {
            return c;
        }
        synchronized (this) {
            c = table.get(group);
            if (c == null) {
                c = SubscriptionGroupConfig.defaults(group);
                table.put(group, c);
                dataVersion.next(clock.millis());
                LOG.info("auto-created subscription group {}", c);
                persist();
            }
        }
        return c;
    }

    /** Creates or replaces a group (admin). */
    public void update(SubscriptionGroupConfig c) {
        synchronized (this) {
            table.put(c.getGroupName(), c.copy());
            dataVersion.next(clock.millis());
            persist();
        }
        LOG.info("subscription group updated: {}", c);
    }

    /** Removes a group; true if it existed. */
    public boolean delete(String group) {
        synchronized (this) {
            if (table.remove(group) == null) {
                return false;
            }
            dataVersion.next(clock.millis());
            persist();
        }
        LOG.info("subscription group deleted: {}", group);
        return true;
    }

    /** A copy of the table with its version. */
    public synchronized SubscriptionGroupWrapper snapshot() {
        SubscriptionGroupWrapper w = new SubscriptionGroupWrapper();
        Map<String, SubscriptionGroupConfig> copy = new HashMap<>();
        table.forEach((k, v) -> copy.put(k, v.copy()));
        w.setSubscriptionGroupTable(copy);
        w.setDataVersion(new DataVersion(dataVersion.getTimestamp(), dataVersion.getCounter()));
        return w;
    }
}
