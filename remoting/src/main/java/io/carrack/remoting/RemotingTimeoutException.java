package io.carrack.remoting;

/** No response arrived within the timeout. */
public class RemotingTimeoutException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingTimeoutException(String message) {
        super(message);
    }
}
