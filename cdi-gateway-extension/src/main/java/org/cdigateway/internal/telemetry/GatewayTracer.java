package org.cdigateway.internal.telemetry;

import org.cdigateway.internal.endpoint.HandshakeData;

/**
 * The spans of one gateway: one per handled message, a child of the trace the client passed at the handshake; one
 * for a connection's admission (its guards and {@code handleConnection}); one per stream, from its start to its end.
 * {@link #NONE} when OpenTelemetry is absent.
 */
public interface GatewayTracer {

    /** The outcome of a message or stream that ended because its connection did. */
    String DISCONNECTED = "disconnected";
    /** The outcome of a stream that sent all its items. */
    String COMPLETED = "completed";
    /** The outcome of a stream the client cancelled, or that ended with its connection or the application. */
    String CANCELLED = "cancelled";

    /** Traces nothing. */
    GatewayTracer NONE = new GatewayTracer() {
    };

    /**
     * The trace context the client passed at the handshake: the W3C {@code traceparent} (and {@code tracestate})
     * header, else query parameter (a browser cannot set headers on a WebSocket); null when it passed none.
     */
    default Object parent(HandshakeData handshake) {
        return null;
    }

    /** A span for the admission of a connection, a child of {@code parent} when not null. */
    default TraceSpan connection(Object parent) {
        return TraceSpan.NONE;
    }

    /** A span for one message handled by the handler of {@code event}, a child of {@code parent} when not null. */
    default TraceSpan message(Object parent, String event) {
        return TraceSpan.NONE;
    }

    /** A span for the stream a handler of {@code event} returned, a child of the message's span. */
    default TraceSpan stream(TraceSpan message, String event) {
        return TraceSpan.NONE;
    }
}
