package org.cdigateway.socketio.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonObject;

import org.cdigateway.Adapter;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.se.HandshakeAuthenticator;
import org.cdigateway.socketio.client.NodeClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @RolesAllowed} on a Socket.IO namespace: the official client's handshake (WebSocket, and long-polling) is
 * authenticated by the embedded runtime's authenticator; refusals are {@code connect_error}s and error
 * acknowledgements.
 */
@GatewayTest(authenticator = SocketIoRolesTest.BasicUsers.class)
class SocketIoRolesTest {

    static final Duration LIMIT = Duration.ofSeconds(30);

    public static class BasicUsers implements HandshakeAuthenticator {

        private static final Map<String, List<String>> USERS = Map.of("alice:wonder", List.of("chat", "admin"),
                "bob:builder", List.of("chat"), "carol:singer", List.of());

        @Override
        public Identity authenticate(Map<String, List<String>> headers, Map<String, List<String>> query) {
            String authorization = headers.getOrDefault("Authorization", List.of("")).get(0);
            if (!authorization.startsWith("Basic ")) {
                return null;
            }
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6)),
                    StandardCharsets.UTF_8);
            List<String> roles = USERS.get(pair);
            return roles == null
                    ? null
                    : Identity.of(pair.substring(0, pair.indexOf(':')), roles.toArray(String[]::new));
        }
    }

    @WebSocketGateway(value = "/members", adapter = Adapter.SOCKET_IO, namespace = "/members")
    @RolesAllowed("chat")
    static class MembersGateway {

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.principal().getName();
        }

        @SubscribeMessage("purge")
        @RolesAllowed("admin")
        public String purge() {
            return "purged";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void rolesDecideTheNamespaceAndEachEvent(String transport, GatewayRuntime runtime) {
        JsonObject r = NodeClient.run("rolesAllowed", runtime.httpUri().toString().replaceAll("/$", ""),
                "{\"transports\":[\"" + transport + "\"]}", LIMIT);
        assertThat(r.containsKey("timeout")).as("finished in time: %s", r).isFalse();
        assertThat(r.getString("anonymous")).isEqualTo("Not authenticated");
        assertThat(r.getString("carol")).isEqualTo("Forbidden resource");
        assertThat(r.getString("whoami")).isEqualTo("bob");
        assertThat(r.getJsonObject("purge").getString("status")).isEqualTo("error");
        assertThat(r.getJsonObject("purge").getString("message")).isEqualTo("Forbidden resource");
        assertThat(r.getString("alicePurge")).isEqualTo("purged");
    }
}
