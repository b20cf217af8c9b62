package io.carrack.namesrv.internal;

import io.carrack.common.config.ConfigException;
import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UPDATE_NAMESRV_CONFIG (318) and GET_NAMESRV_CONFIG (319); bodies are Java properties text.
 *
 * <p>Thread safety: stateless; {@link LiveSettings} is thread-safe.
 */
final class NamesrvConfigRequestProcessor implements RequestProcessor {
    /** The codes this processor handles. */
    static final int[] CODES = {RequestCode.UPDATE_NAMESRV_CONFIG, RequestCode.GET_NAMESRV_CONFIG};

    private static final Logger LOG = LoggerFactory.getLogger(NamesrvConfigRequestProcessor.class);

    private final LiveSettings config;

    NamesrvConfigRequestProcessor(LiveSettings config) {
        this.config = config;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        if (request.code() == RequestCode.GET_NAMESRV_CONFIG) {
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null)
                    .body(config.describe().getBytes(StandardCharsets.UTF_8));
        }
        LOG.info("UPDATE_NAMESRV_CONFIG from {}", channel.remoteAddressText());
        if (request.body() == null) {
            return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        }
        Properties props = new Properties();
        try {
            props.load(new StringReader(new String(request.body(), StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "string2Properties error");
        }
        try {
            config.update(props);
        } catch (ConfigException e) {
            int code = LiveSettings.READ_ONLY_KEYS.contains(e.key()) ? ResponseCode.NO_PERMISSION : ResponseCode.SYSTEM_ERROR;
            return RemotingCommand.responseTo(request, code, e.getMessage());
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }
}
