package io.carrack.remoting.protocol.body;

/** Whether each message goes to one consumer of the group or to all of them. */
public enum MessageModel {
    /** Every consumer of the group gets every message; offsets are kept by the client. */
    BROADCASTING,
    /** The queues are shared among the group; offsets are kept by the broker. */
    CLUSTERING
}
