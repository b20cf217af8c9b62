package io.carrack.namesrv.internal;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RemotingCommandException;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.route.DataVersion;
import io.carrack.remoting.protocol.route.KVTable;
import io.carrack.remoting.protocol.route.RegisterBrokerBody;
import io.carrack.remoting.protocol.route.RegisterBrokerResult;
import io.carrack.remoting.protocol.route.TopicList;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker registration and route requests (PROTOCOL.md 5.1-5.5, 5.7): codes 103-106, 205, 206, 216,
 * 224, 304, 311-313, 322, 327.
 *
 * <p>Thread safety: stateless; the tables it uses are thread-safe.
 */
final class RouteRequestProcessor implements RequestProcessor {
    /** The codes this processor handles. */
    static final int[] CODES = {
        RequestCode.REGISTER_BROKER, RequestCode.UNREGISTER_BROKER, RequestCode.QUERY_DATA_VERSION,
        RequestCode.GET_ROUTEINFO_BY_TOPIC, RequestCode.GET_BROKER_CLUSTER_INFO,
        RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, RequestCode.GET_TOPICS_BY_CLUSTER,
        RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, RequestCode.GET_UNIT_TOPIC_LIST,
        RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST, RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST,
        RequestCode.DELETE_TOPIC_IN_NAMESRV, RequestCode.WIPE_WRITE_PERM_OF_BROKER,
        RequestCode.ADD_WRITE_PERM_OF_BROKER,
    };

    private static final Logger LOG = LoggerFactory.getLogger(RouteRequestProcessor.class);

    private final RouteTable routes;
    private final KvConfigStore kv;
    private final BooleanSupplier orderMessageEnable;

    RouteRequestProcessor(RouteTable routes, KvConfigStore kv, BooleanSupplier orderMessageEnable) {
        this.routes = routes;
        this.kv = kv;
        this.orderMessageEnable = orderMessageEnable;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.REGISTER_BROKER -> registerBroker(channel, request);
            case RequestCode.UNREGISTER_BROKER -> unregisterBroker(request);
            case RequestCode.QUERY_DATA_VERSION -> queryDataVersion(request);
            case RequestCode.GET_ROUTEINFO_BY_TOPIC -> routeInfo(request);
            case RequestCode.GET_BROKER_CLUSTER_INFO -> success(request, Json.toBytes(routes.clusterInfo()));
            case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER -> topics(request, routes.allTopics());
            case RequestCode.GET_TOPICS_BY_CLUSTER -> topics(request, routes.topicsByCluster(request.requireField("cluster")));
            case RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS -> topics(request, routes.systemTopics());
            case RequestCode.GET_UNIT_TOPIC_LIST -> topics(request, routes.unitTopics());
            case RequestCode.GET_HAS_UNIT_SUB_TOPIC_LIST -> topics(request, routes.unitSubTopics());
            case RequestCode.GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST -> topics(request, routes.unitSubNonUnitTopics());
            case RequestCode.DELETE_TOPIC_IN_NAMESRV -> deleteTopic(channel, request);
            case RequestCode.WIPE_WRITE_PERM_OF_BROKER -> editWritePerm(channel, request, false);
            case RequestCode.ADD_WRITE_PERM_OF_BROKER -> editWritePerm(channel, request, true);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " not supported");
        };
    }

    private RemotingCommand registerBroker(RemoteChannel channel, RemotingCommand request) {
        String brokerName = request.requireField("brokerName");
        String brokerAddr = request.requireField("brokerAddr");
        String clusterName = request.requireField("clusterName");
        String haServerAddr = request.field("haServerAddr");
        long brokerId = request.longField("brokerId");
        boolean compressed = request.booleanField("compressed", false);
        int crc = request.intField("bodyCrc32", 0);
        byte[] body = request.body();

        if (crc != 0 && RegisterBrokerBody.bodyCrc32(body == null ? new byte[0] : body) != crc) {
            LOG.warn("REGISTER_BROKER from {} ({}) has a body whose crc32 does not match the header",
                    channel.remoteAddressText(), brokerAddr);
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "crc32 not match");
        }
        RegisterBrokerBody registration;
        if (body == null || body.length == 0) {
            registration = new RegisterBrokerBody();
            registration.getTopicConfigSerializeWrapper().setDataVersion(new DataVersion(0, 0));
        } else {
            try {
                registration = RegisterBrokerBody.decode(body, compressed);
            } catch (RuntimeException e) {
                throw new RemotingCommandException("Failed to decode RegisterBrokerBody: " + e.getMessage());
            }
        }
        RouteTable.Outcome outcome = routes.register(new BrokerRegistration(clusterName, brokerAddr, brokerName,
                brokerId, haServerAddr, registration.getTopicConfigSerializeWrapper(),
                registration.getFilterServerList(), channel));

        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.field(RegisterBrokerResult.HA_SERVER_ADDR, outcome.haServerAddr());
        response.field(RegisterBrokerResult.MASTER_ADDR, outcome.masterAddr());
        Map<String, String> orderTopics = kv.namespace(KvConfigStore.ORDER_TOPIC_CONFIG);
        if (orderTopics != null) {
            response.body(Json.toBytes(new KVTable(orderTopics)));
        }
        return response;
    }

    private RemotingCommand unregisterBroker(RemotingCommand request) {
        routes.unregister(request.field("clusterName"), request.requireField("brokerAddr"),
                request.requireField("brokerName"), request.longField("brokerId"));
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand queryDataVersion(RemotingCommand request) {
        String brokerAddr = request.requireField("brokerAddr");
        DataVersion theirs = request.body() == null || request.body().length == 0 ? null
                : Json.fromBytes(request.body(), DataVersion.class);
        boolean changed = theirs == null || routes.isTopicConfigChanged(brokerAddr, theirs);
        if (!changed) {
            routes.touch(brokerAddr);
        }
        DataVersion ours = routes.dataVersion(brokerAddr);
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.field("changed", changed);
        if (ours != null) {
            response.body(Json.toBytes(ours));
        }
        return response;
    }

    private RemotingCommand routeInfo(RemotingCommand request) {
        String topic = request.requireField("topic");
        TopicRouteData route = routes.route(topic);
        if (route == null) {
            return RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST,
                    "No topic route info in name server for the topic: " + topic);
        }
        if (orderMessageEnable.getAsBoolean()) {
            route.setOrderTopicConf(kv.get(KvConfigStore.ORDER_TOPIC_CONFIG, topic));
        }
        // Map keys are always quoted: what 4.9.4+ clients are sent, and what older ones accept too.
        return success(request, Json.toBytes(route));
    }

    private RemotingCommand deleteTopic(RemoteChannel channel, RemotingCommand request) {
        String topic = request.requireField("topic");
        String cluster = request.field("clusterName");
        boolean removed = routes.deleteTopic(topic, cluster);
        LOG.info("DELETE_TOPIC_IN_NAMESRV {} (cluster {}) from {}: {}", topic, cluster, channel.remoteAddressText(),
                removed ? "removed" : "not found");
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand editWritePerm(RemoteChannel channel, RemotingCommand request, boolean add) {
        String brokerName = request.requireField("brokerName");
        int count = add ? routes.addWritePerm(brokerName) : routes.wipeWritePerm(brokerName);
        LOG.info("{} write permission of broker {} on {} topics, asked by {}", add ? "added" : "wiped", brokerName,
                count, channel.remoteAddressText());
        RemotingCommand response = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        response.field(add ? "addTopicCount" : "wipeTopicCount", count);
        return response;
    }

    private static RemotingCommand topics(RemotingCommand request, TopicList list) {
        return success(request, Json.toBytes(list));
    }

    private static RemotingCommand success(RemotingCommand request, byte[] body) {
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(body);
    }
}
