package org.cdigateway.internal.servlet;

import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.server.ServerEndpoint;

import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.asyncapi.AsyncApiSettings;

/**
 * Registers gateways in a WAR. Adds a listener that registers the endpoints in {@code contextInitialized}: the one
 * route measured to work on WildFly, Payara and Open Liberty alike (calling {@code addEndpoint} here, in
 * {@code onStartup}, found no ServerContainer on Payara at times); and, when there are gateways, a listener that
 * tells them the remote address of each upgrade request; and, when {@code cdigateway.asyncapi.enabled} is true, the
 * servlet that serves the AsyncAPI document of the gateways.
 */
@HandlesTypes({WebSocketGateway.class, ServerEndpoint.class})
public class GatewayServletInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> annotated, ServletContext context) {
        Set<Class<?>> gateways = new HashSet<>();
        Set<Class<?>> endpoints = new HashSet<>();
        if (annotated != null) {
            for (Class<?> c : annotated) {
                if (c.isAnnotationPresent(WebSocketGateway.class)) {
                    gateways.add(c);
                } else if (c.isAnnotationPresent(ServerEndpoint.class)) {
                    endpoints.add(c); // the application's own endpoints: their paths must not clash with a gateway's
                }
            }
        }
        context.addListener(new GatewayRegistrationListener(gateways, endpoints));
        if (!gateways.isEmpty()) {
            context.addListener(new UpgradeAddressListener());
        }
        // servlets can be added only here; a value that is not valid fails the deployment in the extension (GW-0126)
        AsyncApiSettings asyncApi = AsyncApiSettings.of(
                gateways.isEmpty() ? GatewayServletInitializer.class : gateways.iterator().next(), problem -> {});
        if (asyncApi.enabled()) {
            ServletRegistration.Dynamic servlet = context.addServlet("cdi-gateway-asyncapi",
                    new RouteServlet(asyncApi.path()));
            if (servlet != null) { // null: the application declared one of that name itself
                servlet.setAsyncSupported(true);
                servlet.addMapping(asyncApi.path());
            }
        }
    }
}
