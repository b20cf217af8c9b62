package io.carrack.broker.internal.client;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.protocol.LanguageCode;

/**
 * One client connection as a heartbeat registered it.
 *
 * @param channel        the connection
 * @param clientId       the client id from the heartbeat
 * @param language       the client's language
 * @param version        the client's version ordinal
 * @param lastUpdateTime ms time of the last heartbeat
 */
public record ClientChannelInfo(RemoteChannel channel, String clientId, LanguageCode language, int version,
                                long lastUpdateTime) {
}
