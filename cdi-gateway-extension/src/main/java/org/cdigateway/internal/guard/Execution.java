package org.cdigateway.internal.guard;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.WsArgumentsHost;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.json.JsonText;
import org.cdigateway.internal.telemetry.TraceSpan;

/**
 * One gateway call: the {@link ExecutionContext} handed to guards and filters. A small object made per message or
 * lifecycle call, immutable once its span is set; {@link #withHandler} gives the same call with the method about to
 * run.
 */
public final class Execution implements ExecutionContext, WsArgumentsHost {

    private final Class<?> gatewayClass;
    private final Method handler;
    private final Phase phase;
    private final SessionClient client;
    private final InboundFrame frame;
    private final ByteBuffer binary;
    private TraceSpan span = TraceSpan.NONE; // set once, before the call's guards run, by the thread that made it

    public Execution(Class<?> gatewayClass, Method handler, Phase phase, SessionClient client, InboundFrame frame,
            ByteBuffer binary) {
        this.gatewayClass = gatewayClass;
        this.handler = handler;
        this.phase = phase;
        this.client = client;
        this.frame = frame;
        this.binary = binary;
    }

    /** The same call, about to run {@code method}. */
    public Execution withHandler(Method method) {
        return method == handler ? this : new Execution(gatewayClass, method, phase, client, frame, binary).span(span);
    }

    /** The span of this call: its message's, or its connection's admission; {@link TraceSpan#NONE} when none. */
    public TraceSpan span() {
        return span;
    }

    /** Sets the span of this call, before it is handed to another thread. */
    public Execution span(TraceSpan span) {
        this.span = span;
        return this;
    }

    /** The connection, or null in INIT. */
    public SessionClient client() {
        return client;
    }

    /** The frame, or null for a binary message and lifecycle calls. */
    public InboundFrame frame() {
        return frame;
    }

    /** The binary message, or null. */
    public ByteBuffer binary() {
        return binary;
    }

    /** The frame's id, {@link JsonValue#NULL} when none. */
    public JsonValue frameId() {
        return frame == null ? JsonValue.NULL : frame.id();
    }

    @Override
    public Class<?> getGatewayClass() {
        return gatewayClass;
    }

    @Override
    public Method getHandler() {
        return handler;
    }

    @Override
    public Phase getPhase() {
        return phase;
    }

    @Override
    public WsArgumentsHost switchToWs() {
        return this;
    }

    @Override
    public GatewayClient getClient() {
        return client;
    }

    @Override
    public Object getData() {
        if (binary != null) {
            return binary.asReadOnlyBuffer();
        }
        return frame == null ? null : frame.data();
    }

    @Override
    public <T> T getData(Class<T> type) {
        if (frame == null || frame.data() == JsonValue.NULL) {
            return null;
        }
        return type.cast(client.json().decode(frame.data(), type));
    }

    @Override
    public String getPattern() {
        return frame == null ? null : frame.event();
    }

    @Override
    public Object getId() {
        if (frame == null) {
            return null;
        }
        JsonValue id = frame.id();
        if (id instanceof JsonString s) {
            return s.getString();
        }
        if (id instanceof JsonNumber n) {
            return n.isIntegral() ? (Object) n.longValue() : n.bigDecimalValue();
        }
        return null;
    }

    @Override
    public void reply(String event, Object data) {
        if (client == null) {
            throw new IllegalStateException("There is no client to reply to while a gateway initializes");
        }
        client.reply(JsonText.quote(event), data, frameId());
    }

    @Override
    public String toString() {
        return "ExecutionContext[" + phase + " " + gatewayClass.getSimpleName()
                + (handler == null ? "" : "#" + handler.getName())
                + (frame == null ? "" : " event=" + frame.event()) + (client == null ? "" : " " + client) + "]";
    }
}
