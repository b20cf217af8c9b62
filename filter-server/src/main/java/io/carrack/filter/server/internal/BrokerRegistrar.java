package io.carrack.filter.server.internal;

import io.carrack.remoting.RemotingClient;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the filter server with its broker: REGISTER_FILTER_SERVER (301), header
 * {@code filterServerAddr} ({@code ip:port}); the broker answers with {@code brokerName} and
 * {@code brokerId}. Sent periodically; the broker forgets a filter server that stops sending.
 *
 * <p>Thread safety: all methods may be called from any thread.
 */
public final class BrokerRegistrar {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerRegistrar.class);
    private static final long TIMEOUT_MILLIS = 3_000;

    private final RemotingClient client;
    private final String brokerAddr;
    private final String selfAddr;
    private volatile String brokerName;
    private volatile long brokerId = -1;
    private volatile boolean everRegistered;

    public BrokerRegistrar(RemotingClient client, String brokerAddr, String selfAddr) {
        this.client = client;
        this.brokerAddr = brokerAddr;
        this.selfAddr = selfAddr;
    }

    /** Registers once; failures are logged. Returns whether the broker accepted. */
    public boolean register() {
        RemotingCommand request = RemotingCommand.request(RequestCode.REGISTER_FILTER_SERVER)
                .field("filterServerAddr", selfAddr);
        try {
            RemotingCommand r = client.invokeSync(brokerAddr, request, TIMEOUT_MILLIS);
            if (r.code() != ResponseCode.SUCCESS) {
                LOG.warn("broker {} refused filter server {}: {} {}", brokerAddr, selfAddr, r.code(), r.remark());
                return false;
            }
            brokerName = r.field("brokerName");
            brokerId = r.longField("brokerId", -1);
            if (!everRegistered) {
                everRegistered = true;
                LOG.info("filter server {} registered with broker {} ({}, id {})", selfAddr, brokerAddr, brokerName,
                        brokerId);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("cannot register filter server {} with broker {}: {}{}", selfAddr, brokerAddr, e,
                    e.getCause() == null ? "" : " (" + e.getCause() + ")");
            return false;
        }
    }

    /** The broker's name, once registered; else null. */
    public String brokerName() {
        return brokerName;
    }

    /** The broker's id, once registered; else -1. */
    public long brokerId() {
        return brokerId;
    }
}
