package io.carrack.client.internal.consumer;

import io.carrack.common.message.MessageQueue;
import java.util.List;

/** Argument checks shared by the allocation strategies. */
final class AllocateChecks {
    private AllocateChecks() {
    }

    /** Whether to allocate at all: false (with nothing to take) when the client is not in the list. */
    static boolean check(String clientId, List<MessageQueue> queues, List<String> clientIds) {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("clientId is empty");
        }
        if (queues == null || clientIds == null) {
            throw new IllegalArgumentException("queues and clientIds must not be null");
        }
        return !queues.isEmpty() && clientIds.contains(clientId);
    }
}
