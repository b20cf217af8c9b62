package io.carrack.client.internal;

import io.carrack.client.ClientException;
import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.RemotingException;
import io.carrack.remoting.protocol.ResponseCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns remoting outcomes into client outcomes. */
public final class Responses {
    private Responses() {
    }

    /** The response if it is SUCCESS; otherwise a {@link ClientException} with its code and remark. */
    public static RemotingCommand requireSuccess(RemotingCommand response, String what) {
        if (response.code() != ResponseCode.SUCCESS) {
            throw new ClientException(response.code(), what + " failed: code " + response.code() + ", "
                    + response.remark());
        }
        return response;
    }

    /** A client exception for any failure, unwrapping completion wrappers. */
    public static ClientException wrap(Throwable t, String what) {
        Throwable cause = unwrap(t);
        if (cause instanceof ClientException ce) {
            return ce;
        }
        return new ClientException(what + " failed: " + cause, cause);
    }

    /** The cause inside completion or execution wrappers. */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** Whether a failure is a transport failure (no server answer). */
    public static boolean isTransport(Throwable t) {
        return unwrap(t) instanceof RemotingException;
    }
}
