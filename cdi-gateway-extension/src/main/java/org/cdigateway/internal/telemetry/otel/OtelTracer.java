package org.cdigateway.internal.telemetry.otel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.telemetry.GatewayTracer;
import org.cdigateway.internal.telemetry.TraceSpan;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * The spans of one gateway through OpenTelemetry. Span names are made of the gateway's own words (its path, its
 * handlers' events), never of what a client sends, so they stay few.
 */
final class OtelTracer implements GatewayTracer {

    static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** Reads the trace context from the handshake's headers, else from its query (browsers cannot set headers). */
    static final TextMapGetter<HandshakeData> HANDSHAKE = new TextMapGetter<>() {

        @Override
        public Iterable<String> keys(HandshakeData carrier) {
            List<String> keys = new ArrayList<>(carrier.headers().keySet());
            keys.addAll(carrier.query().keySet());
            return keys;
        }

        @Override
        public String get(HandshakeData carrier, String key) {
            if (carrier == null) {
                return null;
            }
            String header = carrier.header(key);
            return header != null ? header : carrier.queryParam(key);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final String gateway;
    private final String connectName;
    private final ConcurrentHashMap<String, String> messageNames = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> streamNames = new ConcurrentHashMap<>();

    OtelTracer(Tracer tracer, TextMapPropagator propagator, String gateway) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.gateway = gateway;
        this.connectName = "connect " + gateway;
    }

    @Override
    public Object parent(HandshakeData handshake) {
        if (handshake == null
                || handshake.header("traceparent") == null && handshake.queryParam("traceparent") == null) {
            return null;
        }
        Context context = propagator.extract(Context.root(), handshake, HANDSHAKE);
        return Span.fromContext(context).getSpanContext().isValid() ? context : null;
    }

    @Override
    public TraceSpan connection(Object parent) {
        return start(connectName, SpanKind.SERVER, (Context) parent, null, "connect");
    }

    @Override
    public TraceSpan message(Object parent, String event) {
        String name = messageNames.get(event);
        if (name == null) {
            name = messageNames.computeIfAbsent(event, e -> "process " + e);
        }
        return start(name, SpanKind.CONSUMER, (Context) parent, event, "process");
    }

    @Override
    public TraceSpan stream(TraceSpan message, String event) {
        String name = streamNames.get(event);
        if (name == null) {
            name = streamNames.computeIfAbsent(event, e -> "stream " + e);
        }
        Context parent = message instanceof OtelSpan s ? s.context : null;
        return start(name, SpanKind.PRODUCER, parent, event, "send");
    }

    private TraceSpan start(String name, SpanKind kind, Context parent, String event, String operation) {
        SpanBuilder builder = tracer.spanBuilder(name).setSpanKind(kind);
        if (parent != null) {
            builder.setParent(parent);
        }
        builder.setAttribute(Instruments.GATEWAY, gateway)
                .setAttribute(Instruments.MESSAGING_SYSTEM, "cdigateway")
                .setAttribute(Instruments.MESSAGING_OPERATION, operation)
                .setAttribute(MESSAGING_DESTINATION, gateway);
        if (event != null) {
            builder.setAttribute(Instruments.EVENT, event)
                    .setAttribute(MESSAGING_OPERATION_TYPE, operation);
        }
        Span span = builder.startSpan();
        return new OtelSpan(span, (parent == null ? Context.current() : parent).with(span));
    }

    /** One started span and the context it is current in. */
    static final class OtelSpan implements TraceSpan {

        final Span span;
        final Context context;
        private boolean ended;

        OtelSpan(Span span, Context context) {
            this.span = span;
            this.context = context;
        }

        @Override
        public Object enter() {
            return context.makeCurrent();
        }

        @Override
        public void leave(Object scope) {
            ((Scope) scope).close();
        }

        @Override
        public void end(String outcome, boolean error) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            span.setAttribute(Instruments.OUTCOME, outcome);
            if (error) { // else the status stays unset, as the conventions advise for success
                span.setAttribute(ERROR_TYPE, outcome);
                span.setStatus(StatusCode.ERROR, outcome);
            }
            span.end();
        }
    }
}
