package org.cdigateway.socketio.internal.servlet;

import java.util.Set;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import org.cdigateway.socketio.internal.server.SocketIoSettings;

/**
 * Adds the long-polling servlet of the Socket.IO adapter to a WAR that has the module, at
 * {@code cdigateway.socketio.path} ({@code /socket.io/} by default). The WebSocket endpoint at the
 * same path is added with the gateways; the container hands upgrade requests to it before any servlet.
 */
public final class SocketIoServletInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        String path = SocketIoSettings.read(SocketIoServletInitializer.class).path();
        ServletRegistration.Dynamic servlet = context.addServlet("cdi-gateway-socketio-polling",
                new PollingServlet());
        if (servlet != null) { // null: the application declared one of that name itself
            servlet.setAsyncSupported(true);
            servlet.addMapping(path + "*");
        }
    }
}
