package io.carrack.client.internal.consumer;

/**
 * How a consumer pulls.
 *
 * @param batchSize              maxMsgNums of each pull
 * @param suspendMillis          long-poll hold time asked of the broker
 * @param thresholdCount         cached messages per queue above which pulling pauses
 * @param thresholdBytes         cached body bytes per queue above which pulling pauses
 * @param maxSpan                offset span per queue above which pulling pauses (concurrent push only; 0 = off)
 * @param pullIntervalMillis     pause between pulls of one queue
 * @param postSubscription       send the subscription text with every pull (SUBSCRIPTION flag)
 * @param liteFlag               set the LITE_PULL flag (pull consumer)
 */
record PullSettings(int batchSize, long suspendMillis, int thresholdCount, long thresholdBytes, long maxSpan,
                    long pullIntervalMillis, boolean postSubscription, boolean liteFlag) {
    static final int FLAG_COMMIT_OFFSET = 0x1;
    static final int FLAG_SUSPEND = 0x2;
    static final int FLAG_SUBSCRIPTION = 0x4;
    static final int FLAG_CLASS_FILTER = 0x8;
    static final int FLAG_LITE_PULL = 0x10;
}
