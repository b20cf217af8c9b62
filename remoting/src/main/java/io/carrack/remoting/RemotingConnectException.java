package io.carrack.remoting;

/** The remote address could not be connected, or the connection was lost before the response. */
public class RemotingConnectException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingConnectException(String message) {
        super(message);
    }

    public RemotingConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
