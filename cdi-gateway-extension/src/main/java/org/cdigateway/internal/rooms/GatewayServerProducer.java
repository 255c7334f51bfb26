package org.cdigateway.internal.rooms;

import java.lang.annotation.Annotation;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;

import org.cdigateway.Gateway;
import org.cdigateway.GatewayServer;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.deployment.Describe;
import org.cdigateway.internal.deployment.GatewayMessages;
import org.cdigateway.internal.endpoint.GatewayRegistry;

/**
 * Produces the {@link GatewayServer} of a gateway: its own for the gateway bean, the named one with
 * {@link Gateway @Gateway(X.class)}. Added to the deployment by the extension; the injection points are checked at
 * deployment (GW-0112, GW-0113), so the lookups here do not fail for a valid application.
 */
public class GatewayServerProducer {

    @Produces
    @Dependent
    GatewayServer own(InjectionPoint ip, GatewayRegistry registry) {
        Bean<?> bean = ip.getBean();
        Class<?> gateway = bean == null ? null : bean.getBeanClass();
        if (gateway == null || !gateway.isAnnotationPresent(WebSocketGateway.class)) {
            throw new IllegalStateException(GatewayMessages.serverOfNonGateway(ip.toString(), gateway).getMessage());
        }
        return server(gateway, registry);
    }

    @Produces
    @Dependent
    @Gateway(Object.class)
    GatewayServer named(InjectionPoint ip, GatewayRegistry registry) {
        for (Annotation q : ip.getQualifiers()) {
            if (q instanceof Gateway named) {
                return server(named.value(), registry);
            }
        }
        throw new IllegalStateException("No @Gateway qualifier on " + ip);
    }

    private static GatewayServer server(Class<?> gateway, GatewayRegistry registry) {
        return new LazyServer(() -> registry.gateway(gateway).<GatewayServer>map(g -> g)
                .orElseThrow(() -> new IllegalStateException(GatewayMessages.namedNonGateway("@Gateway("
                        + Describe.type(gateway) + ".class)", gateway).getMessage())));
    }
}
