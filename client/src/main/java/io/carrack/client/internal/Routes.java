package io.carrack.client.internal;

import io.carrack.common.message.MessageQueue;
import io.carrack.common.message.PermName;
import io.carrack.remoting.protocol.route.BrokerData;
import io.carrack.remoting.protocol.route.QueueData;
import io.carrack.remoting.protocol.route.TopicRouteData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The queue lists a client derives from a route (PROTOCOL.md section 13.2). */
public final class Routes {
    private Routes() {
    }

    /**
     * Queues a producer sends to: from {@code orderTopicConf} when present; otherwise, sorted by broker
     * name, queue ids {@code 0..writeQueueNums-1} of each writable entry whose broker has a master.
     */
    public static List<MessageQueue> publishQueues(String topic, TopicRouteData route) {
        List<MessageQueue> list = new ArrayList<>();
        String conf = route.getOrderTopicConf();
        if (conf != null && !conf.isBlank()) {
            for (String entry : conf.split(";")) {
                String[] kv = entry.split(":");
                if (kv.length == 2) {
                    int n = Integer.parseInt(kv[1].trim());
                    for (int i = 0; i < n; i++) {
                        list.add(new MessageQueue(topic, kv[0].trim(), i));
                    }
                }
            }
            return list;
        }
        List<QueueData> qds = new ArrayList<>(route.getQueueDatas());
        qds.sort(Comparator.comparing(QueueData::getBrokerName));
        for (QueueData qd : qds) {
            if (!PermName.isWriteable(qd.getPerm()) || !hasMaster(route, qd.getBrokerName())) {
                continue;
            }
            for (int i = 0; i < qd.getWriteQueueNums(); i++) {
                list.add(new MessageQueue(topic, qd.getBrokerName(), i));
            }
        }
        return list;
    }

    /** Queues a consumer reads: queue ids {@code 0..readQueueNums-1} of each readable entry. */
    public static Set<MessageQueue> subscribeQueues(String topic, TopicRouteData route) {
        Set<MessageQueue> set = new HashSet<>();
        for (QueueData qd : route.getQueueDatas()) {
            if (!PermName.isReadable(qd.getPerm())) {
                continue;
            }
            for (int i = 0; i < qd.getReadQueueNums(); i++) {
                set.add(new MessageQueue(topic, qd.getBrokerName(), i));
            }
        }
        return set;
    }

    /** A route for {@code topic} built from the TBW102 route, with at most {@code maxQueues} queues per broker. */
    public static TopicRouteData inheritDefault(TopicRouteData defaultRoute, int maxQueues) {
        TopicRouteData r = new TopicRouteData();
        List<QueueData> qds = new ArrayList<>();
        for (QueueData qd : defaultRoute.getQueueDatas()) {
            int n = Math.min(maxQueues, qd.getReadQueueNums());
            qds.add(new QueueData(qd.getBrokerName(), n, n, qd.getPerm(), qd.getTopicSysFlag()));
        }
        r.setQueueDatas(qds);
        List<BrokerData> bds = new ArrayList<>();
        for (BrokerData bd : defaultRoute.getBrokerDatas()) {
            bds.add(bd.copy());
        }
        r.setBrokerDatas(bds);
        return r;
    }

    private static boolean hasMaster(TopicRouteData route, String brokerName) {
        for (BrokerData bd : route.getBrokerDatas()) {
            if (brokerName.equals(bd.getBrokerName())) {
                return bd.masterAddr() != null;
            }
        }
        return false;
    }
}
