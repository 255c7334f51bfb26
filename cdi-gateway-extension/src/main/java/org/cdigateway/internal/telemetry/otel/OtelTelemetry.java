package org.cdigateway.internal.telemetry.otel;

import java.util.Set;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.cdigateway.internal.telemetry.GatewayMetrics;
import org.cdigateway.internal.telemetry.GatewayTelemetry;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;

/**
 * The gateways' metrics through OpenTelemetry: one {@link Meter} named {@code org.cdigateway} from the application's
 * {@code OpenTelemetry} bean when it has one (MicroProfile Telemetry provides it), else from
 * {@link GlobalOpenTelemetry}. Loaded only once {@link GatewayTelemetry#present} found the API.
 */
public final class OtelTelemetry implements GatewayTelemetry {

    /** The instrumentation scope of the gateways' instruments. */
    public static final String SCOPE = "org.cdigateway";

    private final Instruments instruments;

    private OtelTelemetry(OpenTelemetry otel) {
        Meter meter = otel.getMeterProvider().meterBuilder(SCOPE).build();
        this.instruments = new Instruments(meter);
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
}
