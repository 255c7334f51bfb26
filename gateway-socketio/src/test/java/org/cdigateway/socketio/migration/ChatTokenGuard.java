package org.cdigateway.socketio.migration;

import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.socketio.migration.ChatGateway.ChatAuth;

/** The chat's token check, on every connection and every message of {@link ChatGateway}. */
// tag::guard[]
@ApplicationScoped
public class ChatTokenGuard implements CanActivate {

    private static final Set<String> VALID = Set.of("secret"); // a real guard verifies a signed token here

    @Override
    public boolean canActivate(ExecutionContext context) {
        ChatAuth auth = context.switchToWs().getClient().auth(ChatAuth.class);
        if (auth == null || auth.token() == null || !VALID.contains(auth.token())) {
            // a refused connection: the client's connect_error, with err.message and err.data
            throw new UnauthorizedException("Invalid token", Map.of("retry", false));
        }
        return true;
    }
}
// end::guard[]
