package io.carrack.remoting.internal;

import io.carrack.remoting.ChannelEventListener;
import io.carrack.remoting.RemoteChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records channel events as "connect", "close", "idle" and "exception", with the channels seen. */
final class RecordingListener implements ChannelEventListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<RemoteChannel> connected = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onConnect(RemoteChannel channel) {
        connected.add(channel);
        record("connect");
    }

    @Override
    public void onClose(RemoteChannel channel) {
        record("close");
    }

    @Override
    public void onIdle(RemoteChannel channel) {
        record("idle");
    }

    @Override
    public void onException(RemoteChannel channel, Throwable cause) {
        record("exception");
    }

    private void record(String event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    long count(String event) {
        return events.stream().filter(event::equals).count();
    }
}
