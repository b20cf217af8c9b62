package io.carrack.remoting.protocol.body;

import io.carrack.remoting.protocol.LanguageCode;
import java.util.Objects;

/**
 * One client connection of a group, as GET_CONSUMER_CONNECTION_LIST and GET_PRODUCER_CONNECTION_LIST
 * report it: {@code {"clientAddr":"ip:port","clientId":"cid","language":"JAVA","version":407}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class Connection {
    private String clientId;
    private String clientAddr;
    private LanguageCode language;
    private int version;

    public Connection() {
    }

    /** The client id. */
    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /** The client's address, {@code ip:port}. */
    public String getClientAddr() {
        return clientAddr;
    }

    public void setClientAddr(String clientAddr) {
        this.clientAddr = clientAddr;
    }

    /** The client's language. */
    public LanguageCode getLanguage() {
        return language;
    }

    public void setLanguage(LanguageCode language) {
        this.language = language;
    }

    /** The client's version ordinal. */
    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connection c && Objects.equals(clientId, c.clientId) && Objects.equals(clientAddr, c.clientAddr)
                && language == c.language && version == c.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, clientAddr, language, version);
    }

    @Override
    public String toString() {
        return "Connection[clientId=" + clientId + ", clientAddr=" + clientAddr + ", language=" + language
                + ", version=" + version + "]";
    }
}
