package org.cdigateway.socketio.internal.servlet;

import java.util.List;
import java.util.Set;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.HandlesTypes;

import org.cdigateway.internal.servlet.RouteServlet;
import org.cdigateway.socketio.SocketIoConfig;
import org.cdigateway.socketio.internal.server.SocketIoSettings;

/**
 * Adds the long-polling servlet of the Socket.IO adapter to a WAR that has the module, at
 * {@code cdigateway.socketio.path}, else the {@code path} of a gateway's {@link SocketIoConfig} (the container hands
 * the classes that carry it), else {@code /socket.io/}. The WebSocket endpoint at the same path is added with the
 * gateways; the container hands upgrade requests to it before any servlet.
 */
@HandlesTypes(SocketIoConfig.class)
public final class SocketIoServletInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        List<Class<?>> annotated = classes == null
                ? List.of()
                : classes.stream().filter(c -> c.isAnnotationPresent(SocketIoConfig.class)).toList();
        String path = SocketIoSettings.path(annotated,
                annotated.isEmpty() ? SocketIoServletInitializer.class : annotated.get(0));
        ServletRegistration.Dynamic servlet = context.addServlet("cdi-gateway-socketio-polling",
                new RouteServlet(path)); // the adapter's polling route has the same path
        if (servlet != null) { // null: the application declared one of that name itself
            servlet.setAsyncSupported(true);
            servlet.addMapping(path + "*");
        }
    }
}
