package io.carrack.common.message;

/** Bits of the SYSFLAG field (PROTOCOL.md section 10.3). */
public final class MessageSysFlag {
    public static final int COMPRESSED_FLAG = 0x1;
    public static final int MULTI_TAGS_FLAG = 0x2;
    public static final int TRANSACTION_NOT_TYPE = 0;
    public static final int TRANSACTION_PREPARED_TYPE = 0x4;
    public static final int TRANSACTION_COMMIT_TYPE = 0x8;
    public static final int TRANSACTION_ROLLBACK_TYPE = 0xC;
    public static final int BORNHOST_V6_FLAG = 0x10;
    public static final int STOREHOST_V6_FLAG = 0x20;
    public static final int COMPRESSION_TYPE_MASK = 0x700;

    private MessageSysFlag() {
    }

    /** The transaction type bits of a sysFlag. */
    public static int transactionType(int sysFlag) {
        return sysFlag & TRANSACTION_ROLLBACK_TYPE;
    }

    /** Replaces the transaction type bits of a sysFlag. */
    public static int withTransactionType(int sysFlag, int type) {
        return (sysFlag & ~TRANSACTION_ROLLBACK_TYPE) | type;
    }
}
