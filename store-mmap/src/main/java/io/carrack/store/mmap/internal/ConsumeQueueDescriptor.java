package io.carrack.store.mmap.internal;

/**
 * Consume-queue entry: fixed 20 bytes, RocketMQ 4.x layout (PROTOCOL.md section 10.6). Entry
 * <i>i</i> of a queue is queue offset <i>i</i>; a queue is a sequence of files of
 * {@code consumeQueueFileSize} bytes under {@code consumequeue/<topic>/<queueId>/}, each named by
 * the byte offset of its first entry. An entry whose size is 0 was never written.
 * <pre>
 *  0                    8          12                   20
 *  +--------------------+----------+--------------------+
 *  | commit-log offset  | size     | tags code          |
 *  +--------------------+----------+--------------------+
 * </pre>
 */
final class ConsumeQueueDescriptor {
    static final int COMMIT_LOG_OFFSET_OFFSET = 0;
    static final int SIZE_OFFSET = 8;
    static final int TAGS_CODE_OFFSET = 12;
    static final int ENTRY_LENGTH = 20;

    private ConsumeQueueDescriptor() {
    }

    /** The file size actually used: the configured size rounded down to whole entries. */
    static int fileSize(int configured) {
        int entries = Math.max(1, configured / ENTRY_LENGTH);
        return entries * ENTRY_LENGTH;
    }
}
