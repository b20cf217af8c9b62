package io.carrack.remoting.internal;

import io.carrack.remoting.RemotingCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A plain blocking socket speaking frames by hand, for tests that need byte-level control. */
final class RawConnection implements AutoCloseable {
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    RawConnection(int port) throws IOException {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(3000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void write(RemotingCommand cmd) throws IOException {
        write(CommandCodecTest.encodeFrame(cmd));
    }

    /** Reads one frame and decodes it. */
    RemotingCommand read() throws IOException {
        int length = in.readInt();
        byte[] rest = new byte[length];
        in.readFully(rest);
        ByteBuf buf = Unpooled.wrappedBuffer(rest);
        try {
            return CommandCodec.decode(buf);
        } finally {
            buf.release();
        }
    }

    /** Whether the peer closed the connection within the read timeout (true), or sent data (false). */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (EOFException | SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    int localPort() {
        return socket.getLocalPort();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
