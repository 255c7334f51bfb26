package org.cdigateway.internal.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.internal.endpoint.GatewayRegistry;
import org.cdigateway.spi.Broadcaster;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The gateways' readiness check, for MicroProfile Health: up once every gateway is registered with the container (and
 * its {@code afterInit} ran) and the broadcaster reaches the other nodes; down before that, once the application is
 * stopping, and while a distributed broadcaster is disconnected (a node that cannot reach the others would take
 * clients whose broadcasts the others never see). Connected clients play no part. Added by the extension only where
 * the MicroProfile Health API is visible to the application; there is no liveness check: nothing in the gateway makes
 * a process that should be restarted.
 */
@Readiness
public class GatewayReadiness implements HealthCheck {

    /** The check's name in the health report. */
    public static final String NAME = "cdi-gateway";

    @Inject
    GatewayRegistry registry;

    @Override
    public HealthCheckResponse call() {
        Broadcaster broadcaster = registry.broadcaster();
        boolean serving = registry.serving();
        boolean connected = broadcaster != null && broadcaster.connected();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("gateways", registry.gateways().stream().map(DeployedGateway::path).sorted()
                .collect(Collectors.joining(",")));
        data.put("serving", serving);
        data.put("broadcaster", broadcaster == null ? "none" : typeOf(broadcaster));
        data.put("broadcasterConnected", connected);
        data.put("connectedClients", (long) registry.connected());
        return new HealthCheckResponse(NAME, serving && connected
                ? HealthCheckResponse.Status.UP
                : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }

    /** The class of a bean, not of the container's proxy of it. */
    static String typeOf(Object bean) {
        Class<?> c = bean.getClass();
        while (c.getSuperclass() != null && c.getSuperclass() != Object.class
                && (c.isSynthetic() || c.getName().contains("$Proxy$") || c.getName().contains("$$"))) {
            c = c.getSuperclass();
        }
        return c.getName();
    }
}
