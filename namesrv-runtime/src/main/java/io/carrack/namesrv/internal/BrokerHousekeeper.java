package io.carrack.namesrv.internal;

import io.carrack.remoting.ChannelEventListener;
import io.carrack.remoting.RemoteChannel;

/**
 * Drops a broker as soon as its connection closes, fails or goes idle.
 *
 * <p>Thread safety: called from the remoting event thread; the route table is thread-safe.
 */
final class BrokerHousekeeper implements ChannelEventListener {
    private final RouteTable routes;

    BrokerHousekeeper(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    public void onClose(RemoteChannel channel) {
        routes.onChannelDestroyed(channel);
    }

    @Override
    public void onIdle(RemoteChannel channel) {
        routes.onChannelDestroyed(channel);
    }

    @Override
    public void onException(RemoteChannel channel, Throwable cause) {
        routes.onChannelDestroyed(channel);
    }
}
