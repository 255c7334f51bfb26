package org.cdigateway.se;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Authenticates the clients of the embedded runtime, as a server's security does for a WAR: called for every
 * WebSocket handshake (and Socket.IO long-polling handshake) before any gateway sees it. The identity it returns is
 * the connection's {@code GatewayClient#principal()} and what {@code @RolesAllowed} on gateways and handlers is
 * checked against.
 *
 * <pre>{@code
 * GatewayRuntime.builder()
 *         .authenticator((headers, query) -> tokens.verify(headers.get("Authorization")))
 *         .packages(ChatGateway.class)
 *         .start();
 * }</pre>
 *
 * <p>
 * Return null for a client that brought no credentials, or credentials that prove nothing: the handshake goes on
 * anonymously and the gateway decides (a gateway with {@code @RolesAllowed} closes it with 4401). An exception it
 * throws is logged and the handshake answered with HTTP 500.
 */
@FunctionalInterface
public interface HandshakeAuthenticator {

    /**
     * Who the client of a handshake is.
     *
     * @param headers the request's headers, names in any case
     * @param query   the request's query parameters, decoded
     * @return the authenticated identity, or null when the client is anonymous
     */
    Identity authenticate(Map<String, List<String>> headers, Map<String, List<String>> query);

    /** An authenticated client: its principal and the roles it is in. */
    record Identity(Principal principal, Set<String> roles) {

        public Identity {
            Objects.requireNonNull(principal, "principal");
            roles = Set.copyOf(roles);
        }

        /** A client named {@code name}, in {@code roles}. */
        public static Identity of(String name, String... roles) {
            Objects.requireNonNull(name, "name");
            return new Identity(new NamedPrincipal(name), Set.of(roles));
        }
    }

    /** A principal that is just a name. */
    record NamedPrincipal(String name) implements Principal {

        public NamedPrincipal {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
