package io.carrack.namesrv.internal;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.protocol.route.TopicConfigSerializeWrapper;
import java.util.List;

/**
 * One REGISTER_BROKER request, decoded.
 *
 * @param clusterName   the broker's cluster
 * @param brokerAddr    {@code ip:port} clients connect to
 * @param brokerName    the master/slave group name
 * @param brokerId      0 for a master, 1 and up for slaves
 * @param haServerAddr  {@code ip:port} of the broker's HA listener
 * @param topics        the broker's topic table and its version
 * @param filterServers the broker's filter servers; empty removes them; null leaves them unchanged
 * @param channel       the connection the request came on
 */
record BrokerRegistration(String clusterName, String brokerAddr, String brokerName, long brokerId,
                          String haServerAddr, TopicConfigSerializeWrapper topics, List<String> filterServers,
                          RemoteChannel channel) {
}
