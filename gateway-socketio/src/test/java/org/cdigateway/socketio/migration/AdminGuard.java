package org.cdigateway.socketio.migration;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;

/** Lets only administrators announce; bound to {@link ChatGateway#announce}. */
// tag::admin-guard[]
@ApplicationScoped
public class AdminGuard implements CanActivate {

    private static final Set<String> ADMINS = Set.of("ada"); // a real guard reads roles from the verified token

    @Override
    public boolean canActivate(ExecutionContext context) {
        String user = context.switchToWs().getClient().attribute("user"); // set by handleConnection
        return user != null && ADMINS.contains(user); // false: the FORBIDDEN error, "Forbidden resource"
    }
}
// end::admin-guard[]
