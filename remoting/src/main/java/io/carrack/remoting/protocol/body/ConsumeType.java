package io.carrack.remoting.protocol.body;

/** How a consumer group fetches: pull and lite-pull consumers are active, push consumers passive. */
public enum ConsumeType {
    /** Pull or lite-pull consumer. */
    CONSUME_ACTIVELY,
    /** Push consumer. */
    CONSUME_PASSIVELY
}
