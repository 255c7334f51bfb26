package org.cdigateway.internal.servlet;

import java.util.Set;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;

import org.cdigateway.WebSocketGateway;

/**
 * Registers gateways in a WAR. Adds a listener that registers the endpoints in {@code contextInitialized}: the one
 * route measured to work on WildFly, Payara and Open Liberty alike (calling {@code addEndpoint} here, in
 * {@code onStartup}, found no ServerContainer on Payara at times).
 */
@HandlesTypes(WebSocketGateway.class)
public class GatewayServletInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> gateways, ServletContext context) {
        context.addListener(new GatewayRegistrationListener(gateways == null ? Set.of() : Set.copyOf(gateways)));
    }
}
