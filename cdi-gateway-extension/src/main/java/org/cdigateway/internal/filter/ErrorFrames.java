package org.cdigateway.internal.filter;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.cdigateway.ForbiddenException;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.WsException;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.InvalidBodyException;
import org.cdigateway.internal.dispatch.MessageRefusedException;
import org.cdigateway.internal.dispatch.UnknownEventException;
import org.cdigateway.internal.guard.GuardChain;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.log.LogLimiter;
import org.cdigateway.internal.validation.BodyValidation;

/**
 * The default exception filter: turns every failure of a frame into the error object of an error frame, so that no
 * error is dropped silently and no server detail leaks to the client. The client's protocol puts it in a frame.
 */
public final class ErrorFrames {

    private static final Logger LOG = Logger.getLogger(ErrorFrames.class.getName());

    /** The frame was not a gateway frame. */
    public static final String BAD_FRAME = "BAD_FRAME";
    /** No handler for the event. */
    public static final String UNKNOWN_EVENT = "UNKNOWN_EVENT";
    /** The data did not fit the handler's parameters. */
    public static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    /** A guard refused the message. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** Anything else; details only in the server log. */
    public static final String INTERNAL = "INTERNAL";
    /** The only message an INTERNAL error frame carries. */
    public static final String INTERNAL_MESSAGE = "Internal server error";

    private final JsonCodec json;

    public ErrorFrames(JsonCodec json) {
        this.json = json;
    }

    /** {@code {"status":"error","code":code,"message":message}}. */
    public static String error(String code, String message) {
        return status(code, message).append('}').toString();
    }

    private static StringBuilder status(String code, String message) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append("{\"status\":\"error\",\"code\":");
        JsonText.appendQuoted(sb, code);
        sb.append(",\"message\":");
        JsonText.appendQuoted(sb, message);
        return sb;
    }

    /** The error object for a failure while handling a frame (or lifecycle call) of {@code where}. */
    public String forFailure(Throwable failure, String where) {
        return forFailure(failure, where, null);
    }

    /**
     * The error object for a failure while handling a frame of {@code where}; what is logged of unexpected failures
     * goes through {@code log} (bounded), when given.
     */
    public String forFailure(Throwable failure, String where, LogLimiter log) {
        Throwable t = unwrap(failure);
        if (t instanceof WsException ws) {
            Object error = ws.getError();
            if (error instanceof String message) {
                StringBuilder sb = new StringBuilder("{\"status\":\"error\",\"message\":");
                JsonText.appendQuoted(sb, message);
                return sb.append('}').toString();
            }
            try {
                return json.encode(error);
            } catch (RuntimeException | StackOverflowError e) {
                severe(log, "The WsException payload thrown by " + where + " cannot be encoded", e);
                return error(INTERNAL, INTERNAL_MESSAGE);
            }
        }
        if (t instanceof BadFrameException bad) {
            return error(BAD_FRAME, bad.getMessage());
        }
        if (t instanceof UnknownEventException unknown) {
            return error(UNKNOWN_EVENT, unknown.getMessage());
        }
        if (t instanceof MessageRefusedException refused) {
            return error(refused.code(), refused.getMessage());
        }
        if (t instanceof ForbiddenException || t instanceof UnauthorizedException) {
            return error(FORBIDDEN, t.getMessage() == null ? GuardChain.FORBIDDEN_MESSAGE : t.getMessage());
        }
        InvalidBodyException invalid = t instanceof InvalidBodyException i ? i : BodyValidation.violations(t);
        if (invalid != null) {
            LOG.log(Level.FINE, invalid.getCause(), () -> "Invalid message for " + where + ": " + invalid.violations());
            StringBuilder sb = status(VALIDATION_FAILED, "The message is not valid");
            sb.append(",\"violations\":[");
            boolean first = true;
            for (InvalidBodyException.Violation v : invalid.violations()) {
                sb.append(first ? "{\"path\":" : ",{\"path\":");
                first = false;
                JsonText.appendQuoted(sb, v.path());
                sb.append(",\"message\":");
                JsonText.appendQuoted(sb, v.message());
                sb.append('}');
            }
            sb.append("]}");
            return sb.toString();
        }
        severe(log, "Unhandled exception in " + where, t);
        return error(INTERNAL, INTERNAL_MESSAGE);
    }

    /**
     * The code of the error frame {@link #forFailure} makes of {@code failure}: one of the constants here, a refusal's
     * own code, or {@code WS_EXCEPTION} for the application's {@link WsException}.
     */
    public static String code(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof WsException) {
            return "WS_EXCEPTION";
        }
        if (t instanceof BadFrameException) {
            return BAD_FRAME;
        }
        if (t instanceof UnknownEventException) {
            return UNKNOWN_EVENT;
        }
        if (t instanceof MessageRefusedException refused) {
            return refused.code();
        }
        if (t instanceof ForbiddenException || t instanceof UnauthorizedException) {
            return FORBIDDEN;
        }
        if (t instanceof InvalidBodyException || BodyValidation.violations(t) != null) {
            return VALIDATION_FAILED;
        }
        return INTERNAL;
    }

    private static void severe(LogLimiter log, String message, Throwable t) {
        if (log == null) {
            LOG.log(Level.SEVERE, message, t);
        } else {
            log.log(Level.SEVERE, message, t);
        }
    }

    /** The exception a handler threw, without the wrappers of asynchronous completion. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
