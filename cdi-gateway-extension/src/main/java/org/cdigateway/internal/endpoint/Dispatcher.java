package org.cdigateway.internal.endpoint;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.logging.Level;

import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;

import org.cdigateway.ExecutionContext.Phase;
import org.cdigateway.ForbiddenException;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.WsResponse;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.DispatchTable;
import org.cdigateway.internal.dispatch.HandlerInvoker;
import org.cdigateway.internal.dispatch.HandlerInvoker.Kind;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.dispatch.MessageRefusedException;
import org.cdigateway.internal.dispatch.UnknownEventException;
import org.cdigateway.internal.filter.ErrorFrames;
import org.cdigateway.internal.guard.Execution;
import org.cdigateway.internal.guard.Executions;
import org.cdigateway.internal.guard.GuardChain;
import org.cdigateway.internal.json.JsonDepth;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.stream.StreamReply;
import org.cdigateway.internal.telemetry.GatewayMetrics;
import org.cdigateway.internal.telemetry.GatewayTracer;
import org.cdigateway.internal.telemetry.TraceSpan;

/**
 * The messages of a gateway's accepted clients: each read by the client's protocol, refused or handed to its handler
 * after the handler's guards, and the handler's result sent back as a reply, a stream or nothing.
 */
final class Dispatcher {

    private static final String BINARY = JsonText.quote("binary");

    private final GatewayCore core;
    private final DispatchTable table;
    private final boolean mayWait;

    Dispatcher(GatewayCore core, DispatchTable table, GuardChain connectionGuards) {
        this.core = core;
        this.table = table;
        this.mayWait = anyAsync(connectionGuards, table);
    }

    /**
     * Whether a message of this gateway can wait for a guard's answer: only then does a connection keep its messages
     * in order itself; otherwise each is handled in its callback, as the container delivers them.
     */
    boolean mayWait() {
        return mayWait;
    }

    private static boolean anyAsync(GuardChain connectionGuards, DispatchTable table) {
        if (connectionGuards != null && connectionGuards.hasAsync()) {
            return true;
        }
        List<HandlerInvoker> all = new ArrayList<>(table.handlers().values());
        all.add(table.wildcard());
        all.add(table.binary());
        for (HandlerInvoker h : all) {
            if (h != null && h.guards() != null && h.guards().hasAsync()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Handles one text message of an accepted client.
     *
     * @return null when done; a stage that completes when it is, when an asynchronous guard has not answered yet (the
     *         connection's next messages wait for it)
     */
    CompletionStage<Void> onText(SessionClient client, String text) {
        client.traffic().in(client.id(), text);
        if (!client.accepted() || client.hasEnded()) {
            return null; // nothing is dispatched after the disconnect
        }
        InboundFrame frame;
        try {
            int depth = core.settings.maxNestingDepth();
            if (JsonDepth.exceeds(text, depth)) {
                throw new BadFrameException("The frame nests arrays and objects deeper than " + depth + " levels",
                        JsonValue.NULL);
            }
            frame = client.protocol().parse(text, table);
        } catch (BadFrameException e) {
            GatewayCore.LOG.log(Level.FINE, () -> "Bad frame from " + client + ": " + e.getMessage());
            InboundFrame withId = new InboundFrame("", e.id(), JsonValue.NULL);
            core.metrics.received(null, ErrorFrames.BAD_FRAME);
            core.fail(e, new Execution(core.model.type(), null, Phase.MESSAGE, client, withId, null),
                    core.gatewayFilters);
            return null;
        }
        return onFrame(client, frame);
    }

    /** Handles one message another protocol read already; returns as {@link #onText}. */
    CompletionStage<Void> onFrame(SessionClient client, InboundFrame frame) {
        if (!client.accepted() || client.hasEnded()) {
            return null;
        }
        if (frame.cancel()) {
            if (!client.cancelStream(StreamReply.key(frame.id()))) {
                GatewayCore.LOG.log(Level.FINE, () -> "Cancel for no running stream " + frame.id() + " from "
                        + client);
            }
            return null;
        }
        HandlerInvoker handler = table.handler(frame.event());
        if (handler == null) {
            GatewayCore.LOG.log(Level.FINE, () -> "No handler for event " + JsonText.forLog(frame.event()) + " from "
                    + client);
            core.metrics.received(null, ErrorFrames.UNKNOWN_EVENT);
            core.fail(new UnknownEventException(frame.event()),
                    new Execution(core.model.type(), null, Phase.MESSAGE, client, frame, null), core.gatewayFilters);
            return null;
        }
        return dispatch(handler, frame, null, client, frame.event(), frame.id());
    }

    /** Handles one binary message of an accepted client; returns as {@link #onText}. */
    CompletionStage<Void> onBinary(SessionClient client, ByteBuffer data) {
        client.traffic().binary(client.id(), true, data.remaining());
        if (!client.accepted() || client.hasEnded()) {
            return null;
        }
        HandlerInvoker handler = table.binary();
        if (handler == null) {
            client.closeChecked(CloseReason.CloseCodes.CANNOT_ACCEPT.getCode(), "Binary frames are not accepted");
            return null;
        }
        GuardChain guards = handler.guards();
        ByteBuffer message = guards != null && guards.hasAsync() ? copy(data) : data; // may outlive the callback
        return dispatch(handler, null, message, client, null, JsonValue.NULL);
    }

    /** A copy of what remains in {@code data}, for a message that waits beyond its callback. */
    static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    private CompletionStage<Void> dispatch(HandlerInvoker handler, InboundFrame frame, ByteBuffer binary,
            SessionClient client, String event, JsonValue id) {
        Execution execution = new Execution(core.model.type(), handler.method(), Phase.MESSAGE, client, frame,
                binary);
        return dispatch(handler, execution, client, event, id, null, null, null);
    }

    private CompletionStage<Void> dispatch(HandlerInvoker handler, Execution execution, SessionClient client,
            String event, JsonValue id, GuardChain.Pending resumed, Boolean answer, Throwable failure) {
        GuardChain.Pending pending;
        // with the disconnect: a message that has not started when the connection ended is not dispatched, and the
        // disconnect waits for one that has
        synchronized (client.lifecycle()) {
            if (client.hasEnded()) {
                execution.span().end(GatewayTracer.DISCONNECTED, false); // a guard answered after the disconnect
                return null;
            }
            if (resumed == null) {
                execution.span(core.tracer.message(client.traceParent(), metricEvent(handler)));
            }
            TraceSpan span = execution.span();
            Execution previous = Executions.enter(execution);
            Object scope = span.enter();
            try {
                if (core.plainCalls && handler.guards() == null) { // the usual message: no capture, no hop
                    invoke(handler, execution, client, event, id);
                    pending = null;
                } else {
                    pending = core.contexts.call(() -> guardedInvoke(handler, execution, client, event, id, resumed,
                            answer, failure));
                }
            } catch (Throwable e) {
                core.fail(e, execution, handler.filters());
                done(execution, handler, ErrorFrames.code(e));
                return null;
            } finally {
                span.leave(scope);
                Executions.leave(previous);
            }
        }
        if (pending == null) {
            return null;
        }
        return core.later(pending, (value, error) -> dispatch(handler, execution, client, event, id, pending, value,
                error));
    }

    /**
     * The message's guards (started, or resumed with the answer of the one that was pending), then its handler; the
     * guards' pending answer when one has not answered yet, else null.
     */
    private GuardChain.Pending guardedInvoke(HandlerInvoker handler, Execution execution, SessionClient client,
            String event, JsonValue id, GuardChain.Pending resumed, Boolean answer, Throwable failure)
            throws Exception {
        GuardChain guards = handler.guards();
        if (guards != null) {
            GuardChain.Pending p;
            try {
                p = resumed == null ? guards.start(execution) : guards.resume(resumed, answer, failure, execution);
            } catch (ForbiddenException | UnauthorizedException refused) {
                core.metrics.guardRefused(GatewayMetrics.MESSAGE);
                throw refused;
            }
            if (p != null) {
                return p;
            }
        }
        invoke(handler, execution, client, event, id);
        return null;
    }

    /** Calls the handler of an admitted message, within the caps of its kind of reply, and sends what it returns. */
    private void invoke(HandlerInvoker handler, Execution execution, SessionClient client, String event, JsonValue id)
            throws Exception {
        Kind kind = handler.replyKind();
        int maxPending = core.settings.maxPendingRepliesPerConnection();
        if (kind == Kind.STREAM) {
            checkStream(client, id);
        } else if (kind == Kind.LATER && !client.addPendingReply(maxPending)) {
            throw new MessageRefusedException(MessageRefusedException.LIMIT_EXCEEDED, "This connection has "
                    + maxPending + " replies on their way already; wait for one before asking again");
        }
        Object result;
        boolean timed = core.metrics.timed();
        long start = timed ? System.nanoTime() : 0;
        try {
            result = handler.invoke(core.bean(), execution.frame(), execution.binary(), client);
            if (timed) {
                core.metrics.handled(metricEvent(handler), System.nanoTime() - start);
            }
        } catch (Throwable t) {
            if (timed) {
                core.metrics.handled(metricEvent(handler), System.nanoTime() - start);
            }
            if (kind == Kind.LATER) {
                client.removePendingReply();
            }
            if (t instanceof Exception e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
        if (kind == Kind.LATER) {
            result = counted(result, client);
        }
        reply(result, handler, client, event, id, execution);
        if (!(result instanceof CompletionStage<?>)) { // else counted when it completes
            done(execution, handler, GatewayMetrics.OK);
        }
    }

    /** A message's end: counted by outcome, and its span ended. */
    private void done(Execution execution, HandlerInvoker handler, String outcome) {
        core.metrics.received(metricEvent(handler), outcome);
        execution.span().end(outcome, !GatewayMetrics.OK.equals(outcome));
    }

    /** The event a handler's metrics are recorded under: its declared one, {@code binary} for the binary handler. */
    private static String metricEvent(HandlerInvoker handler) {
        String event = handler.event();
        return event == null ? "binary" : event;
    }

    /** Refuses a stream over the connection's cap, or with the id of a running stream, before the handler runs. */
    private void checkStream(SessionClient client, JsonValue id) {
        if (id != JsonValue.NULL && client.hasStream(StreamReply.key(id))) {
            throw StreamReply.duplicate(id);
        }
        checkStreamCap(client);
    }

    /** Refuses one more stream on a connection that runs as many as it may. */
    private void checkStreamCap(SessionClient client) {
        int max = core.settings.maxStreamsPerConnection();
        if (client.activeStreams() >= max) {
            throw new MessageRefusedException(MessageRefusedException.LIMIT_EXCEEDED,
                    "This connection has " + max + " streams running already; cancel one or wait for its end");
        }
    }

    /** The handler's stage, counted on the client until it completes. */
    private static Object counted(Object result, SessionClient client) {
        if (!(result instanceof CompletionStage<?> stage)) {
            client.removePendingReply();
            return result;
        }
        return stage.whenComplete((v, t) -> client.removePendingReply());
    }

    private void reply(Object result, HandlerInvoker handler, SessionClient client, String event, JsonValue id,
            Execution execution) {
        if (result == null) {
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    core.fail(failure, execution, handler.filters());
                    done(execution, handler, ErrorFrames.code(failure));
                } else {
                    try {
                        reply(value, handler, client, event, id, execution);
                        if (!(value instanceof CompletionStage<?>)) {
                            done(execution, handler, GatewayMetrics.OK);
                        }
                    } catch (Throwable e) {
                        core.fail(e, execution, handler.filters());
                        done(execution, handler, ErrorFrames.code(e));
                    }
                }
            });
            return;
        }
        if (result instanceof Flow.Publisher<?> publisher) {
            checkStreamCap(client); // again for a publisher a handler's declared type did not announce
            StreamReply.start(publisher, client, event == null ? BINARY : JsonText.quote(event), id, core.json,
                    failure -> core.fail(failure, execution, handler.filters()), core.metrics,
                    core.tracer.stream(execution.span(), metricEvent(handler)), core.executor::execute);
            return;
        }
        if (result instanceof WsResponse<?> response) {
            client.respond(JsonText.quote(response.event()), response.data(), id);
            return;
        }
        if (event == null) { // binary handler
            if (result instanceof byte[] bytes) {
                client.sendBinary(ByteBuffer.wrap(bytes));
            } else if (result instanceof ByteBuffer buffer) {
                client.sendBinary(buffer);
            } else {
                client.reply(BINARY, result, id);
            }
            return;
        }
        client.reply(event.equals(handler.event()) ? handler.quotedEvent() : JsonText.quote(event), result, id);
    }
}
