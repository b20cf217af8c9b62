package io.carrack.namesrv.internal;

import io.carrack.remoting.RemoteChannel;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RequestProcessor;
import io.carrack.remoting.protocol.Json;
import io.carrack.remoting.protocol.RequestCode;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.remoting.protocol.route.KVTable;
import java.util.Map;

/**
 * KV config requests (PROTOCOL.md 5.6): PUT_KV_CONFIG (100), GET_KV_CONFIG (101), DELETE_KV_CONFIG (102),
 * GET_KVLIST_BY_NAMESPACE (219).
 *
 * <p>Thread safety: stateless; the store is thread-safe.
 */
final class KvConfigRequestProcessor implements RequestProcessor {
    /** The codes this processor handles. */
    static final int[] CODES = {
        RequestCode.PUT_KV_CONFIG, RequestCode.GET_KV_CONFIG, RequestCode.DELETE_KV_CONFIG,
        RequestCode.GET_KVLIST_BY_NAMESPACE,
    };

    private final KvConfigStore kv;

    KvConfigRequestProcessor(KvConfigStore kv) {
        this.kv = kv;
    }

    @Override
    public RemotingCommand process(RemoteChannel channel, RemotingCommand request) {
        return switch (request.code()) {
            case RequestCode.PUT_KV_CONFIG -> put(request);
            case RequestCode.GET_KV_CONFIG -> get(request);
            case RequestCode.DELETE_KV_CONFIG -> delete(request);
            case RequestCode.GET_KVLIST_BY_NAMESPACE -> list(request);
            default -> RemotingCommand.responseTo(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
                    "request code " + request.code() + " not supported");
        };
    }

    private RemotingCommand put(RemotingCommand request) {
        String namespace = request.field("namespace");
        String key = request.field("key");
        if (namespace == null || key == null) {
            return RemotingCommand.responseTo(request, ResponseCode.SYSTEM_ERROR, "namespace or key is null");
        }
        String value = request.requireField("value");
        kv.put(namespace, key, value);
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand get(RemotingCommand request) {
        String namespace = request.requireField("namespace");
        String key = request.requireField("key");
        String value = kv.get(namespace, key);
        if (value == null) {
            return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                    "No config item, Namespace: " + namespace + " Key: " + key);
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).field("value", value);
    }

    private RemotingCommand delete(RemotingCommand request) {
        kv.delete(request.requireField("namespace"), request.requireField("key"));
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
    }

    private RemotingCommand list(RemotingCommand request) {
        String namespace = request.requireField("namespace");
        Map<String, String> table = kv.namespace(namespace);
        if (table == null) {
            return RemotingCommand.responseTo(request, ResponseCode.QUERY_NOT_FOUND,
                    "No config item, Namespace: " + namespace);
        }
        return RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null).body(Json.toBytes(new KVTable(table)));
    }
}
