package org.cdigateway.internal.telemetry;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.BeanManager;

import org.cdigateway.spi.Broadcaster;

/**
 * Where the gateways' metrics and spans go, chosen once at deployment: OpenTelemetry when its API is on the classpath, else
 * nowhere. Every OpenTelemetry type is behind {@code org.cdigateway.internal.telemetry.otel}, which is loaded only
 * after the API's presence was checked, so an application without it loads no OpenTelemetry class.
 */
@FunctionalInterface
public interface GatewayTelemetry {

    /** The class whose presence turns metrics on. */
    String API_CLASS = "io.opentelemetry.api.OpenTelemetry";

    /** Records nothing: every gateway gets {@link GatewayMetrics#NONE}. */
    GatewayTelemetry NONE = gateway -> GatewayMetrics.NONE;

    /** The metrics of the gateway named {@code gateway} (its path). */
    GatewayMetrics forGateway(String gateway);

    /** The spans of the gateway named {@code gateway}. */
    default GatewayTracer tracerFor(String gateway) {
        return GatewayTracer.NONE;
    }

    /** Observes the broadcaster's cluster counts ({@link Broadcaster#unpublished}, {@link Broadcaster#missed}). */
    default void observe(Broadcaster broadcaster) {}

    /**
     * OpenTelemetry's when its API loads from {@code loader}: the application's {@code OpenTelemetry} bean if there is
     * one (MicroProfile Telemetry's), else {@code GlobalOpenTelemetry}; {@link #NONE} otherwise.
     */
    static GatewayTelemetry choose(BeanManager beans, ClassLoader loader) {
        if (!present(loader)) {
            return NONE;
        }
        try {
            return (GatewayTelemetry) Class
                    .forName("org.cdigateway.internal.telemetry.otel.OtelTelemetry", true, loader)
                    .getMethod("create", BeanManager.class)
                    .invoke(null, beans);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Logger.getLogger(GatewayTelemetry.class.getName()).log(Level.WARNING,
                    "OpenTelemetry is on the classpath but cannot be used; the gateways record no metrics", e);
            return NONE;
        }
    }

    /** Whether the OpenTelemetry API loads from {@code loader}. */
    static boolean present(ClassLoader loader) {
        try {
            Class.forName(API_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
