package io.carrack.store.mmap.internal;

import io.carrack.common.message.StoredMessageDescriptor;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes old commit-log files: those whose newest message is older than {@code fileReservedTime}
 * (judged by the store time of the first record of the following file), and the oldest ones while disk use
 * is above {@code diskMaxUsedSpaceRatio}. Never the file being written. Consume queues, index and the
 * deleted-topic marks follow the new minimum.
 *
 * <p>Thread safety: {@link #apply} is serialized internally.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final MmapStoreConfig config;
    private final InstantSource clock;
    private final DiskUsage disk;
    private final CommitLog log;
    private final ConsumeQueueTable queues;
    private final IndexService index;
    private final DeletedTopics deleted;
    private final Set<Integer> deleteHours;

    Retention(MmapStoreConfig config, InstantSource clock, DiskUsage disk, CommitLog log, ConsumeQueueTable queues,
              IndexService index, DeletedTopics deleted) {
        this.config = config;
        this.clock = clock;
        this.disk = disk;
        this.log = log;
        this.queues = queues;
        this.index = index;
        this.deleted = deleted;
        this.deleteHours = parseHours(config.base().deleteWhen());
    }

    /** Whether disk use is at or above {@code store.mmap.diskFullRatio}: puts are then refused. */
    boolean diskFull() {
        return disk.usedRatio() * 100 >= config.diskFullRatio();
    }

    private boolean diskOverLimit() {
        return disk.usedRatio() * 100 > config.base().diskMaxUsedSpaceRatio();
    }

    /** Whether the store clock is in one of the {@code deleteWhen} hours, or the disk is over its limit. */
    boolean isTimeToDelete() {
        int hour = Instant.ofEpochMilli(clock.millis()).atZone(ZoneId.systemDefault()).getHour();
        return deleteHours.contains(hour) || diskOverLimit();
    }

    /**
     * Removes expired files (and the oldest while the disk is over its limit).
     *
     * @param force remove every expired file, not just {@code deleteFilesPerRun}
     * @return bytes of log removed
     */
    synchronized long apply(boolean force) {
        long now = clock.millis();
        long reserveMillis = config.base().fileReservedHours() * 3_600_000L;
        int max = force ? Integer.MAX_VALUE : config.deleteFilesPerRun();
        int n = log.files().deleteFromFront(f -> diskOverLimit() || newestStoreTime(f) + reserveMillis < now, max);
        if (n > 0) {
            long min = log.minOffset();
            LOG.info("retention removed {} commit-log files; log now starts at {}", n, min);
            for (ConsumeQueue cq : queues.all()) {
                cq.correctMinOffset(min);
            }
            index.deleteExpired(min);
            deleted.prune(min);
        }
        return (long) n * log.fileSize();
    }

    /**
     * An upper bound of the store time of the newest record in a sealed file: the store time of the first
     * record of the next file. Long.MAX_VALUE (never expired) when there is none yet.
     */
    private long newestStoreTime(MappedFile f) {
        MappedFile next = log.files().findAndHold(f.fileFromOffset() + f.fileSize());
        if (next == null) {
            return Long.MAX_VALUE / 2;
        }
        try {
            if (next.wrotePosition() < RecordReader.MIN_RECORD_LENGTH
                    || next.getInt(StoredMessageDescriptor.MAGIC_OFFSET) != StoredMessageDescriptor.MESSAGE_MAGIC) {
                return Long.MAX_VALUE / 2;
            }
            int sysFlag = next.getInt(StoredMessageDescriptor.SYS_FLAG_OFFSET);
            return next.getLong(StoredMessageDescriptor.storeTimestampOffset(sysFlag));
        } finally {
            next.release();
        }
    }

    private static Set<Integer> parseHours(String deleteWhen) {
        Set<Integer> hours = new HashSet<>();
        if (deleteWhen == null) {
            return hours;
        }
        for (String part : deleteWhen.split(";")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                try {
                    hours.add(Integer.parseInt(p));
                } catch (NumberFormatException e) {
                    throw new io.carrack.spi.store.StoreException("deleteWhen must be hours separated by ';': '"
                            + deleteWhen + "'", e);
                }
            }
        }
        return hours;
    }
}
