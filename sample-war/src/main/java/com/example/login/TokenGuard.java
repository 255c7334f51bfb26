package com.example.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.BearerToken;
import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.UnauthorizedException;

/**
 * Lets a client connect only with a token from {@link LoginGateway}, sent as the {@code bearer} subprotocol (what a
 * browser can send) or an {@code Authorization} header. Keeps the name as the client's {@code name} attribute.
 */
// tag::guard[]
@ApplicationScoped
public class TokenGuard implements CanActivate {

    @Inject
    TokenService tokens;

    @Override
    public boolean canActivate(ExecutionContext context) {
        GatewayClient client = context.switchToWs().getClient();
        if (client.attribute("name") != null) {
            return true; // checked when it connected
        }
        String name = BearerToken.find(client).flatMap(tokens::verify) // <1>
                .orElseThrow(() -> new UnauthorizedException("Sign in first: this room needs a token")); // <2>
        client.setAttribute("name", name);
        return true;
    }
}
// end::guard[]
