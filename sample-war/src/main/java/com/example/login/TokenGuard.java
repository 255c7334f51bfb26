package com.example.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.BearerToken;
import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.SecurityScheme;
import org.cdigateway.UnauthorizedException;

/**
 * Lets a client connect only with a token from {@link LoginGateway}, sent where {@link BearerToken} looks: the
 * {@code bearer} subprotocol (what a browser can send), an {@code Authorization} header, the {@code access_token}
 * cookie or query parameter; the {@link SecurityScheme}s name those places in the AsyncAPI document. Keeps the name as
 * the client's {@code name} attribute.
 */
// tag::scheme[]
@SecurityScheme(description = "The token the login gateway's reply holds") // <1>
@SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.HEADER, name = "Sec-WebSocket-Protocol", description = "A browser's subprotocols: `bearer, <token>`") // <2>
@SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.COOKIE, name = BearerToken.NAME)
@SecurityScheme(type = SecurityScheme.Type.HTTP_API_KEY, in = SecurityScheme.In.QUERY, name = BearerToken.NAME)
// tag::guard[]
@ApplicationScoped
public class TokenGuard implements CanActivate {
    // end::scheme[]

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
