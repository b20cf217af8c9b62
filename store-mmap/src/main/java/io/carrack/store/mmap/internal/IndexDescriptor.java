package io.carrack.store.mmap.internal;

/**
 * Index file: a hash table from {@code topic#key} to commit-log offsets, one file per
 * {@code indexMaxEntries} entries under {@code index/}, named by the first physical offset indexed.
 * This layout is Carrack's own (RocketMQ's keeps a 4-byte time difference in seconds; we keep the full
 * store time so that time ranges are exact to the millisecond).
 * <pre>
 * header (64 bytes)
 *  0 MAGIC(4) 4 VERSION(4) 8 SLOT_COUNT(4) 12 MAX_ENTRIES(4) 16 BEGIN_TIMESTAMP(8) 24 END_TIMESTAMP(8)
 * 32 BEGIN_PHY_OFFSET(8) 40 END_PHY_OFFSET(8) 48 ENTRY_COUNT(4) 52 reserved(12)
 * slots (SLOT_COUNT x 4 bytes): number of the newest entry of the slot's chain, 1-based; 0 = empty
 * entries (MAX_ENTRIES x 24 bytes), entry n (1-based) at ENTRIES_OFFSET + (n - 1) * 24:
 *  0                4                    12                   20          24
 *  +----------------+--------------------+--------------------+-----------+
 *  | key hash       | commit-log offset  | store timestamp    | prev entry|
 *  +----------------+--------------------+--------------------+-----------+
 * </pre>
 */
final class IndexDescriptor {
    static final int MAGIC = 0x1DE8F11E;
    static final int VERSION = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 4;
    static final int SLOT_COUNT_OFFSET = 8;
    static final int MAX_ENTRIES_OFFSET = 12;
    static final int BEGIN_TIMESTAMP_OFFSET = 16;
    static final int END_TIMESTAMP_OFFSET = 24;
    static final int BEGIN_PHY_OFFSET_OFFSET = 32;
    static final int END_PHY_OFFSET_OFFSET = 40;
    static final int ENTRY_COUNT_OFFSET = 48;
    static final int HEADER_LENGTH = 64;

    static final int SLOT_LENGTH = 4;

    static final int ENTRY_KEY_HASH_OFFSET = 0;
    static final int ENTRY_PHY_OFFSET_OFFSET = 4;
    static final int ENTRY_TIMESTAMP_OFFSET = 12;
    static final int ENTRY_PREV_OFFSET = 20;
    static final int ENTRY_LENGTH = 24;

    private IndexDescriptor() {
    }

    static int slotPosition(int slot) {
        return HEADER_LENGTH + slot * SLOT_LENGTH;
    }

    /** Position of entry {@code n} (1-based). */
    static int entryPosition(int slotCount, int n) {
        return HEADER_LENGTH + slotCount * SLOT_LENGTH + (n - 1) * ENTRY_LENGTH;
    }

    /** Size of a file with these dimensions. */
    static long fileSize(int slotCount, int maxEntries) {
        return HEADER_LENGTH + (long) slotCount * SLOT_LENGTH + (long) maxEntries * ENTRY_LENGTH;
    }

    /** The hash of a {@code topic#key} index key, non-negative. */
    static int keyHash(String topic, String key) {
        int h = topic.hashCode();
        h = 31 * h + '#';
        for (int i = 0; i < key.length(); i++) {
            h = 31 * h + key.charAt(i);
        }
        return h & 0x7FFFFFFF;
    }
}
