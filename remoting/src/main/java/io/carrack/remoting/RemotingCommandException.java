package io.carrack.remoting;

/** A request that lacks a required header field or carries a bad value; answered with SYSTEM_ERROR. */
public class RemotingCommandException extends RemotingException {
    private static final long serialVersionUID = 1L;

    public RemotingCommandException(String message) {
        super(message);
    }
}
