package io.carrack.client.internal.filtersrv;

import io.carrack.client.ClientException;
import io.carrack.client.internal.ClientInstance;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RemotingException;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.body.SubscriptionData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class-filter subscriptions of one consumer group (PROTOCOL.md section 13.8), as the RocketMQ 4.x
 * push consumer handles them:
 * <ul>
 *   <li>{@link #register}: at start and at {@code subscribe}, uploads the filter class
 *       (REGISTER_MESSAGE_FILTER_CLASS, 302) to every filter server of the topic's brokers, from the
 *       route's {@code filterServerTable}; a refusal, or a topic without any filter server, is thrown
 *       with the filter server's reason;</li>
 *   <li>{@link #refresh}: with every heartbeat period, uploads again (a filter server that is new or was
 *       restarted learns the class; an unchanged class costs the server nothing); failures are logged;</li>
 *   <li>{@link #pick}: the filter server a pull of a queue goes to, one of those of the queue's broker
 *       address, preferring those that accepted the class;</li>
 *   <li>{@link #onPullFailure}: a pull answered "not registered" (a restarted filter server) uploads the
 *       class to that server again at once; a pull answered "disabled" (the filter timed out, threw or ran
 *       out of memory there) is logged at error level once and the subscription is marked disabled, so
 *       the consumer stops pulling its queues ({@link #isDisabled}) until the application subscribes again
 *       with another source.</li>
 * </ul>
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class ClassFilters {
    private static final Logger LOG = LoggerFactory.getLogger(ClassFilters.class);
    /** Time a filter server may take to compile and check a new class at registration. */
    static final long REGISTER_TIMEOUT_MILLIS = 15_000;
    /** The filter server's remark for a refused or disabled filter: "filter class X is disabled: why". */
    static final String DISABLED_MARK = " is disabled: ";
    /** The filter server's remark for a group and topic it holds no class of. */
    static final String NOT_REGISTERED_MARK = "no filter class registered";

    private final ClientInstance client;
    private final String group;
    /** Upload key to the filter servers that accepted it. */
    private final Map<String, Set<String>> accepted = new ConcurrentHashMap<>();
    /** Upload key to the reason a filter server gave for disabling it. */
    private final Map<String, String> disabled = new ConcurrentHashMap<>();
    private final Set<String> uploading = ConcurrentHashMap.newKeySet();
    private final Set<String> warnedNoServer = ConcurrentHashMap.newKeySet();

    public ClassFilters(ClientInstance client, String group) {
        this.client = client;
        this.group = group;
    }

    /**
     * Uploads the class of a class-filter subscription to every filter server of its topic (other
     * subscriptions are ignored). A topic without a route yet is left to {@link #refresh}.
     *
     * @throws ClientException if a filter server refuses the class (its response code and reason), the
     *                         topic has no filter server, or none of them answers
     */
    public void register(SubscriptionData sub) {
        if (!sub.isClassFilterMode()) {
            return;
        }
        FilterClassUpload up = upload(sub);
        TopicRouteData route = client.cachedRoute(sub.getTopic());
        if (route == null) {
            LOG.warn("{}: topic {} has no route yet; its filter class {} is uploaded once it has", group,
                    sub.getTopic(), up.className());
            return;
        }
        List<String> servers = allServers(route);
        if (servers.isEmpty()) {
            throw new ClientException("class filter " + up.className() + " of group " + group + " on topic "
                    + sub.getTopic() + ": the topic's brokers have no filter server (start them with"
                    + " filterServerNums > 0, or run mqfiltersrv next to them)");
        }
        List<String> unreachable = new ArrayList<>();
        for (String fs : servers) {
            RemotingCommand r;
            try {
                r = client.api().remoting().invokeSync(fs, up.command(), REGISTER_TIMEOUT_MILLIS);
            } catch (RemotingException e) {
                LOG.warn("{}: filter server {} did not take class filter {}: {}", group, fs, up.className(),
                        e.getMessage());
                unreachable.add(fs + " (" + e.getMessage() + ")");
                continue;
            }
            if (r.code() != ResponseCode.SUCCESS) {
                throw new ClientException(r.code(), "class filter " + up.className() + " of group " + group
                        + " on topic " + sub.getTopic() + " refused by filter server " + fs + ": " + r.remark());
            }
            acceptedBy(up).add(fs);
        }
        if (unreachable.size() == servers.size()) {
            throw new ClientException("class filter " + up.className() + " of group " + group + " on topic "
                    + sub.getTopic() + ": no filter server answered: " + String.join(", ", unreachable));
        }
        disabled.remove(up.key());
        LOG.info("{}: class filter {} on topic {} registered with filter servers {}", group, up.className(),
                sub.getTopic(), acceptedBy(up));
    }

    /**
     * Uploads the classes of the class-filter subscriptions that are not disabled to every filter server
     * of their topics again; failures are logged.
     */
    public void refresh(Collection<SubscriptionData> subs) {
        for (SubscriptionData sub : subs) {
            if (!sub.isClassFilterMode() || isDisabled(sub)) {
                continue;
            }
            TopicRouteData route = client.cachedRoute(sub.getTopic());
            if (route == null) {
                continue;
            }
            FilterClassUpload up = upload(sub);
            List<String> servers = allServers(route);
            acceptedBy(up).retainAll(servers);
            for (String fs : servers) {
                uploadQuietly(up, fs);
            }
        }
    }

    /**
     * The filter server to send a pull of the subscription to, for the queue's broker at
     * {@code brokerAddr}; null (logged once per broker address) when that broker has none.
     */
    public String pick(SubscriptionData sub, String brokerAddr) {
        TopicRouteData route = client.cachedRoute(sub.getTopic());
        List<String> servers = route == null ? null : route.getFilterServerTable().get(brokerAddr);
        if (servers == null || servers.isEmpty()) {
            if (warnedNoServer.add(sub.getTopic() + "@" + brokerAddr)) {
                LOG.warn("{}: broker {} has no filter server for the class filter {} on topic {}; its queues"
                        + " wait for one", group, brokerAddr, sub.getSubString(), sub.getTopic());
            }
            return null;
        }
        warnedNoServer.remove(sub.getTopic() + "@" + brokerAddr);
        Set<String> ok = accepted.get(upload(sub).key());
        List<String> preferred = ok == null ? List.of() : servers.stream().filter(ok::contains).toList();
        List<String> from = preferred.isEmpty() ? servers : preferred;
        return from.get(ThreadLocalRandom.current().nextInt(from.size()));
    }

    /** Whether a filter server disabled the subscription's filter class (the consumer stops pulling it). */
    public boolean isDisabled(SubscriptionData sub) {
        return sub.isClassFilterMode() && disabled.containsKey(upload(sub).key());
    }

    /** The reason the subscription's filter class was disabled, or null. */
    public String disabledReason(SubscriptionData sub) {
        return sub.isClassFilterMode() ? disabled.get(upload(sub).key()) : null;
    }

    /** A pull of the subscription through filter server {@code fs} failed with {@code cause}; logs it. */
    public void onPullFailure(SubscriptionData sub, String fs, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof ClientException ce && ce.responseCode() == ResponseCode.SYSTEM_ERROR) {
            FilterClassUpload up = upload(sub);
            if (message.contains(DISABLED_MARK)) {
                if (disabled.putIfAbsent(up.key(), message) == null) {
                    LOG.error("{}: class filter {} on topic {} was disabled by filter server {}: {}. The consumer"
                            + " stops pulling topic {} until it subscribes again with a corrected filter class.",
                            group, up.className(), sub.getTopic(), fs, message, sub.getTopic());
                }
                return;
            }
            if (message.contains(NOT_REGISTERED_MARK)) {
                Set<String> ok = accepted.get(up.key());
                if (ok != null) {
                    ok.remove(fs);
                }
                uploadSoon(up, fs);
                return;
            }
        }
        LOG.warn("{}: pull of topic {} through filter server {} failed: {}", group, sub.getTopic(), fs, message);
    }

    private void uploadSoon(FilterClassUpload up, String fs) {
        String task = up.key() + "@" + fs;
        if (!uploading.add(task)) {
            return;
        }
        try {
            client.scheduler().execute(() -> {
                try {
                    uploadQuietly(up, fs);
                } finally {
                    uploading.remove(task);
                }
            });
        } catch (RejectedExecutionException e) {
            uploading.remove(task);
        }
    }

    private void uploadQuietly(FilterClassUpload up, String fs) {
        try {
            RemotingCommand r = client.api().remoting().invokeSync(fs, up.command(), REGISTER_TIMEOUT_MILLIS);
            if (r.code() == ResponseCode.SUCCESS) {
                if (acceptedBy(up).add(fs)) {
                    LOG.info("{}: class filter {} on topic {} registered with filter server {}", group,
                            up.className(), up.topic(), fs);
                }
            } else {
                acceptedBy(up).remove(fs);
                LOG.error("{}: filter server {} refused class filter {} on topic {}: {}", group, fs, up.className(),
                        up.topic(), r.remark());
            }
        } catch (RuntimeException e) {
            acceptedBy(up).remove(fs);
            if (!client.isClosed()) {
                LOG.warn("{}: uploading class filter {} to filter server {} failed: {}", group, up.className(), fs,
                        e.toString());
            }
        }
    }

    private Set<String> acceptedBy(FilterClassUpload up) {
        return accepted.computeIfAbsent(up.key(), k -> ConcurrentHashMap.newKeySet());
    }

    private FilterClassUpload upload(SubscriptionData sub) {
        String source = sub.getFilterClassSource();
        return FilterClassUpload.of(group, sub.getTopic(), sub.getSubString(), source == null ? "" : source);
    }

    private static List<String> allServers(TopicRouteData route) {
        Set<String> all = new LinkedHashSet<>();
        for (List<String> list : route.getFilterServerTable().values()) {
            if (list != null) {
                all.addAll(list);
            }
        }
        return new ArrayList<>(all);
    }
}
