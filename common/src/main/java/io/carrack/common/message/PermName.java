package io.carrack.common.message;

/** Permission bits of topics and brokers: 2 = write, 4 = read, 1 = inherit. */
public final class PermName {
    public static final int PERM_PRIORITY = 0x8;
    public static final int PERM_READ = 0x4;
    public static final int PERM_WRITE = 0x2;
    public static final int PERM_INHERIT = 0x1;

    private PermName() {
    }

    public static boolean isReadable(int perm) {
        return (perm & PERM_READ) == PERM_READ;
    }

    public static boolean isWriteable(int perm) {
        return (perm & PERM_WRITE) == PERM_WRITE;
    }

    public static boolean isInherited(int perm) {
        return (perm & PERM_INHERIT) == PERM_INHERIT;
    }

    /** Text form used by mqadmin: {@code R}, {@code W}, {@code X} for each bit present, {@code -} otherwise. */
    public static String toText(int perm) {
        return (isReadable(perm) ? "R" : "-") + (isWriteable(perm) ? "W" : "-") + (isInherited(perm) ? "X" : "-");
    }
}
