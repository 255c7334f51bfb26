package org.cdigateway.internal.filter;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.json.JsonValue;

import org.cdigateway.ForbiddenException;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.WsException;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.FrameCodec;
import org.cdigateway.internal.dispatch.InvalidBodyException;
import org.cdigateway.internal.dispatch.MessageRefusedException;
import org.cdigateway.internal.dispatch.UnknownEventException;
import org.cdigateway.internal.guard.GuardChain;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.log.LogLimiter;
import org.cdigateway.internal.validation.BodyValidation;

/**
 * The default exception filter: turns every failure of a frame into an error frame of the wire protocol, so that no
 * error is dropped silently and no server detail leaks to the client.
 */
public final class ErrorFrames {

    private static final Logger LOG = Logger.getLogger(ErrorFrames.class.getName());
    private static final String EXCEPTION = JsonText.quote(FrameCodec.EXCEPTION_EVENT);

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

    /** {@code {"event":"exception","id":..,"data":{"status":"error","code":code,"message":message}}}. */
    public String error(String code, String message, JsonValue id) {
        return FrameCodec.encoded(EXCEPTION, status(code, message).append('}').toString(), id);
    }

    private static StringBuilder status(String code, String message) {
        StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append("{\"status\":\"error\",\"code\":");
        JsonText.appendQuoted(sb, code);
        sb.append(",\"message\":");
        JsonText.appendQuoted(sb, message);
        return sb;
    }

    /** The error frame for a failure while handling a frame (or lifecycle call) of {@code where}. */
    public String forFailure(Throwable failure, JsonValue id, String where) {
        return forFailure(failure, id, where, null);
    }

    /**
     * The error frame for a failure while handling a frame of {@code where}; what is logged of unexpected failures goes
     * through {@code log} (bounded), when given.
     */
    public String forFailure(Throwable failure, JsonValue id, String where, LogLimiter log) {
        Throwable t = unwrap(failure);
        if (t instanceof WsException ws) {
            Object error = ws.getError();
            if (error instanceof String message) {
                StringBuilder sb = new StringBuilder("{\"status\":\"error\",\"message\":");
                JsonText.appendQuoted(sb, message);
                return FrameCodec.encoded(EXCEPTION, sb.append('}').toString(), id);
            }
            try {
                return FrameCodec.encoded(EXCEPTION, json.encode(error), id);
            } catch (RuntimeException | StackOverflowError e) {
                severe(log, "The WsException payload thrown by " + where + " cannot be encoded", e);
                return error(INTERNAL, INTERNAL_MESSAGE, id);
            }
        }
        if (t instanceof BadFrameException bad) {
            return error(BAD_FRAME, bad.getMessage(), id);
        }
        if (t instanceof UnknownEventException unknown) {
            return error(UNKNOWN_EVENT, unknown.getMessage(), id);
        }
        if (t instanceof MessageRefusedException refused) {
            return error(refused.code(), refused.getMessage(), id);
        }
        if (t instanceof ForbiddenException || t instanceof UnauthorizedException) {
            return error(FORBIDDEN, t.getMessage() == null ? GuardChain.FORBIDDEN_MESSAGE : t.getMessage(), id);
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
            return FrameCodec.encoded(EXCEPTION, sb.toString(), id);
        }
        severe(log, "Unhandled exception in " + where, t);
        return error(INTERNAL, INTERNAL_MESSAGE, id);
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
