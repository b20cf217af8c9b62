package io.carrack.spi.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Messages found by a key query: each buffer one record in the stored layout.
 *
 * @param messages           the records found (copies, valid after the call)
 * @param indexLastUpdateTimestamp store time of the newest indexed message, for the client's merge
 * @param indexLastUpdatePhysicalOffset physical offset of the newest indexed message
 */
public record QueryResult(List<ByteBuffer> messages, long indexLastUpdateTimestamp,
                          long indexLastUpdatePhysicalOffset) {
}
