package io.carrack.remoting.protocol.body;

import io.carrack.common.message.MessageQueue;
import java.util.HashSet;
import java.util.Set;

/**
 * Response body of LOCK_BATCH_MQ (41): the queues now locked by the requester,
 * {@code {"lockOKMQSet":[{"brokerName":"b","queueId":0,"topic":"T"}]}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class LockBatchResponseBody {
    private Set<MessageQueue> lockOKMQSet = new HashSet<>();

    public LockBatchResponseBody() {
    }

    /** Queues locked by the requesting client. */
    public Set<MessageQueue> getLockOKMQSet() {
        return lockOKMQSet;
    }

    public void setLockOKMQSet(Set<MessageQueue> lockOKMQSet) {
        this.lockOKMQSet = lockOKMQSet;
    }
}
