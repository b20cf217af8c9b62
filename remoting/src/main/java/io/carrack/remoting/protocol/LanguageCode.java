package io.carrack.remoting.protocol;

/** The sender's language; the ordinal is the byte written in ROCKETMQ binary headers. */
public enum LanguageCode {
    JAVA, CPP, DOTNET, PYTHON, DELPHI, ERLANG, RUBY, OTHER, HTTP, GO, PHP, OMS, RUST;

    /** The code with the given ordinal, or {@link #OTHER}. */
    public static LanguageCode valueOf(byte code) {
        LanguageCode[] all = values();
        return code >= 0 && code < all.length ? all[code] : OTHER;
    }
}
