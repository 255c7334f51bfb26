package org.cdigateway.internal.telemetry.otel;

import java.util.Set;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.cdigateway.internal.telemetry.GatewayMetrics;
import org.cdigateway.internal.telemetry.GatewayTelemetry;
import org.cdigateway.internal.telemetry.GatewayTracer;
import org.cdigateway.spi.Broadcaster;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * The gateways' metrics and spans through OpenTelemetry: one {@link Meter} and one {@link Tracer} named
 * {@code org.cdigateway} from the application's
 * {@code OpenTelemetry} bean when it has one (MicroProfile Telemetry provides it), else from
 * {@link GlobalOpenTelemetry}. Loaded only once {@link GatewayTelemetry#present} found the API.
 */
public final class OtelTelemetry implements GatewayTelemetry {

    /** The instrumentation scope of the gateways' instruments. */
    public static final String SCOPE = "org.cdigateway";

    private final Meter meter;
    private final Instruments instruments;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    private OtelTelemetry(OpenTelemetry otel) {
        this.meter = otel.getMeterProvider().meterBuilder(SCOPE).build();
        this.instruments = new Instruments(meter);
        TracerProvider tracers = otel.getTracerProvider();
        this.tracer = tracers == TracerProvider.noop() ? null : tracers.tracerBuilder(SCOPE).build();
        TextMapPropagator configured = otel.getPropagators().getTextMapPropagator();
        // the W3C format whatever the application configured, and its own formats too
        this.propagator = configured.fields().contains("traceparent")
                ? configured
                : TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), configured);
    }

    /** Called by {@link GatewayTelemetry#choose} once the API is known to be present. */
    public static GatewayTelemetry create(BeanManager beans) {
        return new OtelTelemetry(openTelemetry(beans));
    }

    private static OpenTelemetry openTelemetry(BeanManager beans) {
        Set<Bean<?>> found = beans == null ? Set.of() : beans.getBeans(OpenTelemetry.class);
        if (!found.isEmpty()) {
            Bean<?> bean = beans.resolve(found);
            if (bean != null) {
                CreationalContext<?> cc = beans.createCreationalContext(bean);
                return (OpenTelemetry) beans.getReference(bean, OpenTelemetry.class, cc);
            }
        }
        return GlobalOpenTelemetry.get();
    }

    @Override
    public GatewayMetrics forGateway(String gateway) {
        return new OtelGatewayMetrics(instruments, gateway);
    }

    @Override
    public GatewayTracer tracerFor(String gateway) {
        return tracer == null ? GatewayTracer.NONE : new OtelTracer(tracer, propagator, gateway);
    }

    @Override
    public void observe(Broadcaster broadcaster) {
        Instruments.observeLosses(meter, broadcaster);
    }
}
