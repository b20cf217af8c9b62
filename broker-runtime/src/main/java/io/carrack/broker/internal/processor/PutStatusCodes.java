package io.carrack.broker.internal.processor;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.ResponseCode;
import io.carrack.spi.store.PutStatus;

/** Maps a put status to the send response code and remark (PROTOCOL.md section 6.1). */
final class PutStatusCodes {
    private PutStatusCodes() {
    }

    /** Sets code and remark; true when the message was stored (the header must then be filled). */
    static boolean apply(PutStatus status, RemotingCommand response) {
        switch (status) {
            case OK -> response.code(ResponseCode.SUCCESS).remark(null);
            case FLUSH_DISK_TIMEOUT -> response.code(ResponseCode.FLUSH_DISK_TIMEOUT).remark(null);
            case FLUSH_SLAVE_TIMEOUT -> response.code(ResponseCode.FLUSH_SLAVE_TIMEOUT).remark(null);
            case SLAVE_NOT_AVAILABLE -> response.code(ResponseCode.SLAVE_NOT_AVAILABLE).remark(null);
            case CREATE_MAPPED_FILE_FAILED -> response.code(ResponseCode.SYSTEM_ERROR)
                    .remark("create mapped file failed, server is busy or broken.");
            case MESSAGE_ILLEGAL, PROPERTIES_SIZE_EXCEEDED -> response.code(ResponseCode.MESSAGE_ILLEGAL)
                    .remark("the message is illegal, maybe msg body or properties length not matched. msg body length "
                            + "limit 128k, msg properties length limit 32k.");
            case SERVICE_NOT_AVAILABLE, STORE_FULL -> response.code(ResponseCode.SERVICE_NOT_AVAILABLE)
                    .remark("service not available now. It may be caused by one of the following reasons: the broker's "
                            + "disk is full, messages are put to the slave, message store has been shut down, etc.");
            case OS_PAGECACHE_BUSY -> response.code(ResponseCode.SYSTEM_ERROR)
                    .remark("[PC_SYNCHRONIZED]broker busy, start flow control for a while");
            default -> response.code(ResponseCode.SYSTEM_ERROR).remark("UNKNOWN_ERROR");
        }
        return status.stored();
    }
}
