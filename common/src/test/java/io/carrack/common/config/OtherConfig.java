package io.carrack.common.config;

/** A second bean sharing one key with {@link SampleConfig}. */
public class OtherConfig {
    private int listenPort = 9876;
    private String namesrvAddr;

    public int getListenPort() {
        return listenPort;
    }

    public void setListenPort(int listenPort) {
        this.listenPort = listenPort;
    }

    public String getNamesrvAddr() {
        return namesrvAddr;
    }

    public void setNamesrvAddr(String namesrvAddr) {
        this.namesrvAddr = namesrvAddr;
    }
}
