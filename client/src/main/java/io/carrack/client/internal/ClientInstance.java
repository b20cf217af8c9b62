package io.carrack.client.internal;

import io.carrack.client.ClientException;
import io.carrack.client.ClientSettings;
import io.carrack.remoting.ClientConfig;
import io.carrack.remoting.Remoting;
import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingConnectException;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.ConsumerData;
import io.carrack.remoting.protocol.body.HeartbeatData;
import io.carrack.remoting.protocol.body.ProducerData;
import io.carrack.remoting.protocol.route.BrokerData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client identity on the wire (RocketMQ's MQClientInstance): a client id, one remoting client,
 * the route and broker-address tables, and the periodic route refresh and heartbeat. Each producer
 * or consumer owns one.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class ClientInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientInstance.class);

    private final ClientSettings settings;
    private final String clientId;
    private final RemotingClient remoting;
    private final ClientApi api;
    private final List<String> nameServers;
    private final AtomicInteger nameServerIndex;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService notifyExecutor;
    private final List<ClientMember> members = new CopyOnWriteArrayList<>();
    private final Map<String, TopicRouteData> routes = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, String>> brokerAddrs = new ConcurrentHashMap<>();
    private final Map<String, Integer> brokerVersions = new ConcurrentHashMap<>();
    private final Object heartbeatLock = new Object();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** An instance; nothing runs until {@link #start()}. */
    public ClientInstance(ClientSettings settings) {
        this.settings = settings;
        String ip = settings.clientIp() != null ? settings.clientIp() : ClientIds.localIp();
        String instance = settings.instanceName() != null && !settings.instanceName().equals("DEFAULT")
                ? settings.instanceName() : ClientIds.defaultInstanceName();
        this.clientId = ip + "@" + instance;
        this.nameServers = settings.namesrvAddrList();
        if (nameServers.isEmpty()) {
            throw new IllegalArgumentException("no name server address set");
        }
        this.nameServerIndex = new AtomicInteger(ThreadLocalRandom.current().nextInt(nameServers.size()));
        this.remoting = Remoting.newClient(ClientConfig.defaults());
        this.api = new ClientApi(remoting);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "carrack-client-scheduler"));
        this.notifyExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, "carrack-client-notify"));
        remoting.registerProcessor(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (channel, request) -> {
            String group = request.field("consumerGroup");
            LOG.debug("{}: broker {} says consumers of {} changed", clientId, channel.remoteAddressText(), group);
            for (ClientMember m : members) {
                m.onConsumerIdsChanged(group);
            }
            return null;
        }, notifyExecutor);
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts the route refresh (10 ms, then every poll interval) and the heartbeat (1 s, then every interval). */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        scheduler.scheduleWithFixedDelay(guard(this::refreshAllRoutes, "route refresh"), 10,
                settings.pollNameServerInterval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(guard(this::heartbeat, "heartbeat"), 1000,
                settings.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Wraps a periodic task so a failure is logged and does not cancel it. */
    public Runnable guard(Runnable task, String what) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                if (!closed.get()) {
                    LOG.warn("{}: {} failed: {}", clientId, what, e.toString());
                }
            }
        };
    }

    public String clientId() {
        return clientId;
    }

    public ClientSettings settings() {
        return settings;
    }

    public ClientApi api() {
        return api;
    }

    /** The request timeout in ms. */
    public long timeoutMillis() {
        return settings.requestTimeout().toMillis();
    }

    /** The shared scheduler (one thread; tasks must not block long). */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Registers a producer or consumer. */
    public void register(ClientMember member) {
        members.add(member);
    }

    /** Unregisters a producer or consumer. */
    public void unregister(ClientMember member) {
        members.remove(member);
    }

    /** The cached route of a topic, or null. */
    public TopicRouteData cachedRoute(String topic) {
        return routes.get(topic);
    }

    /**
     * Fetches a topic's route from a name server, caches it, records its broker addresses and tells
     * the members.
     *
     * @return the route, or null when the name server has none (TOPIC_NOT_EXIST)
     * @throws ClientException when no name server answers
     */
    public TopicRouteData refreshRoute(String topic) {
        TopicRouteData route;
        try {
            route = fetchRoute(topic);
        } catch (ClientException e) {
            if (e.responseCode() == ResponseCode.TOPIC_NOT_EXIST) {
                return null;
            }
            throw e;
        }
        TopicRouteData old = routes.put(topic, route);
        for (BrokerData bd : route.getBrokerDatas()) {
            brokerAddrs.put(bd.getBrokerName(), new TreeMap<>(bd.getBrokerAddrs()));
        }
        if (!route.equals(old)) {
            LOG.debug("{}: route of {} is now {}", clientId, topic, route);
        }
        for (ClientMember m : members) {
            m.onRoute(topic, route);
        }
        return route;
    }

    /** Fetches a route without caching it; throws with code 17 when there is none. */
    public TopicRouteData fetchRoute(String topic) {
        ClientException last = null;
        for (int attempt = 0; attempt < nameServers.size(); attempt++) {
            int index = Math.floorMod(nameServerIndex.get(), nameServers.size());
            String addr = nameServers.get(index);
            try {
                return api.getRoute(addr, topic, timeoutMillis());
            } catch (RemotingConnectException e) {
                last = new ClientException("name server " + addr + " unreachable", e);
                nameServerIndex.compareAndSet(index, index + 1);
            } catch (io.carrack.remoting.RemotingException e) {
                last = new ClientException("route request to " + addr + " failed: " + e.getMessage(), e);
                nameServerIndex.compareAndSet(index, index + 1);
            }
        }
        throw last;
    }

    private void refreshAllRoutes() {
        Set<String> topics = new HashSet<>();
        for (ClientMember m : members) {
            topics.addAll(m.topics());
        }
        for (String topic : topics) {
            try {
                refreshRoute(topic);
            } catch (RuntimeException e) {
                LOG.debug("{}: route refresh of {} failed: {}", clientId, topic, e.toString());
            }
        }
        dropOfflineBrokers();
    }

    private void dropOfflineBrokers() {
        Set<String> live = new HashSet<>();
        for (TopicRouteData r : routes.values()) {
            for (BrokerData bd : r.getBrokerDatas()) {
                live.add(bd.getBrokerName());
            }
        }
        brokerAddrs.keySet().retainAll(live);
    }

    /** The master address of a broker name, or null. */
    public String masterAddr(String brokerName) {
        Map<Long, String> addrs = brokerAddrs.get(brokerName);
        return addrs == null ? null : addrs.get(BrokerData.MASTER_ID);
    }

    /** The master address of a broker name, else any of its addresses, else null. */
    public String anyAddr(String brokerName) {
        Map<Long, String> addrs = brokerAddrs.get(brokerName);
        if (addrs == null || addrs.isEmpty()) {
            return null;
        }
        String master = addrs.get(BrokerData.MASTER_ID);
        return master != null ? master : addrs.values().iterator().next();
    }

    /** The address of one broker id of a broker name, else the master or any address. */
    public String addrOf(String brokerName, long brokerId) {
        Map<Long, String> addrs = brokerAddrs.get(brokerName);
        if (addrs != null && addrs.containsKey(brokerId)) {
            return addrs.get(brokerId);
        }
        return anyAddr(brokerName);
    }

    /** The master address of a broker name, refreshing the route of {@code topic} once if unknown. */
    public String masterAddr(String brokerName, String topic) {
        String addr = masterAddr(brokerName);
        if (addr == null && topic != null) {
            refreshRoute(topic);
            addr = masterAddr(brokerName);
        }
        return addr;
    }

    /** The version a broker reported in its last heartbeat response, or 0. */
    public int brokerVersion(String addr) {
        return brokerVersions.getOrDefault(addr, 0);
    }

    /** Sends a heartbeat to every known broker now; producers-only instances reach masters only. */
    public void heartbeat() {
        synchronized (heartbeatLock) {
            HeartbeatData data = heartbeatData();
            boolean consumers = !data.getConsumerDataSet().isEmpty();
            if (data.getProducerDataSet().isEmpty() && !consumers) {
                return;
            }
            for (Map.Entry<String, Map<Long, String>> e : new HashMap<>(brokerAddrs).entrySet()) {
                for (Map.Entry<Long, String> a : e.getValue().entrySet()) {
                    if (!consumers && a.getKey() != BrokerData.MASTER_ID) {
                        continue;
                    }
                    try {
                        brokerVersions.put(a.getValue(), api.heartbeat(a.getValue(), data, timeoutMillis()));
                    } catch (RuntimeException ex) {
                        if (!closed.get()) {
                            LOG.warn("{}: heartbeat to {} ({}) failed: {}", clientId, e.getKey(), a.getValue(),
                                    ex.toString());
                        }
                    }
                }
            }
        }
    }

    private HeartbeatData heartbeatData() {
        HeartbeatData data = new HeartbeatData();
        data.setClientID(clientId);
        Set<ProducerData> producers = new HashSet<>();
        Set<ConsumerData> consumers = new HashSet<>();
        for (ClientMember m : members) {
            ProducerData p = m.producerData();
            if (p != null) {
                producers.add(p);
            }
            ConsumerData c = m.consumerData();
            if (c != null) {
                consumers.add(c);
            }
        }
        data.setProducerDataSet(producers);
        data.setConsumerDataSet(consumers);
        return data;
    }

    /** Sends UNREGISTER_CLIENT for a group to every known broker; failures are logged. */
    public void unregisterFromBrokers(String producerGroup, String consumerGroup) {
        for (Map<Long, String> addrs : new ArrayList<>(brokerAddrs.values())) {
            for (String addr : addrs.values()) {
                try {
                    api.unregister(addr, clientId, producerGroup, consumerGroup, timeoutMillis());
                } catch (RuntimeException e) {
                    LOG.debug("{}: unregister at {} failed: {}", clientId, addr, e.toString());
                }
            }
        }
    }

    /** Stops the tasks and closes the connections. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        notifyExecutor.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        remoting.close();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }
}
