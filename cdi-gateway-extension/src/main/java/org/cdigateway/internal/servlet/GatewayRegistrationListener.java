package org.cdigateway.internal.servlet;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.server.ServerContainer;

import org.cdigateway.internal.deployment.Describe;
import org.cdigateway.internal.deployment.GatewayMessages;
import org.cdigateway.internal.endpoint.GatewayRegistry;

/**
 * Adds the gateways' endpoints to the servlet context's {@link ServerContainer} while the application deploys (the
 * only time Jakarta WebSocket accepts them), and fails the deployment loudly when it cannot: a gateway that is not
 * registered would otherwise be a silent 404.
 */
public class GatewayRegistrationListener implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(GatewayRegistrationListener.class.getName());

    private final Set<Class<?>> annotated;
    private final Set<Class<?>> serverEndpoints;
    private GatewayRegistry registry;

    GatewayRegistrationListener(Set<Class<?>> annotated, Set<Class<?>> serverEndpoints) {
        this.annotated = Set.copyOf(annotated);
        this.serverEndpoints = Set.copyOf(serverEndpoints);
    }

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        Set<String> gatewayClasses = new TreeSet<>();
        annotated.stream().filter(c -> !c.isAnnotation()).forEach(c -> gatewayClasses.add(Describe.type(c)));
        try {
            registry = CDI.current().select(GatewayRegistry.class).get();
        } catch (RuntimeException e) {
            if (gatewayClasses.isEmpty()) {
                return; // no CDI and no gateways: nothing to do
            }
            throw GatewayMessages.gatewaysNotDeployed(gatewayClasses);
        }
        if (registry.gateways().isEmpty()) {
            if (!gatewayClasses.isEmpty()) {
                throw GatewayMessages.gatewaysNotDeployed(gatewayClasses);
            }
            return;
        }
        Object container = sce.getServletContext().getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer serverContainer)) {
            LOG.log(Level.SEVERE, GatewayMessages.noServerContainer().getMessage());
            throw GatewayMessages.noServerContainer();
        }
        registry.checkPathsAreFree(serverEndpoints);
        registry.registerWith(serverContainer);
    }

    @Override
    public void contextDestroyed(ServletContextEvent sce) {
        if (registry != null) {
            registry.shutdown(Duration.ofSeconds(5));
        }
    }
}
