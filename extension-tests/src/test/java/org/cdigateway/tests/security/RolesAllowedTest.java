package org.cdigateway.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.CanActivate;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.se.HandshakeAuthenticator;
import org.cdigateway.tests.Recorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} against the identity authenticated at the handshake:
 * on the class they decide the connection (4401 anonymous, 4403 without the role) and are the default for handlers;
 * on a handler they decide its messages (FORBIDDEN frames, the connection stays open). They run before the guards.
 */
@GatewayTest(classes = Recorder.class, authenticator = RolesAllowedTest.BasicUsers.class)
class RolesAllowedTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    /** HTTP Basic against three users: alice (chat, admin), bob (chat), carol (no role). */
    // tag::authenticator[]
    public static class BasicUsers implements HandshakeAuthenticator {

        private static final Map<String, List<String>> USERS = Map.of(
                "alice:wonder", List.of("chat", "admin"),
                "bob:builder", List.of("chat"),
                "carol:singer", List.of());

        @Override
        public Identity authenticate(Map<String, List<String>> headers, Map<String, List<String>> query) {
            String authorization = headers.getOrDefault("Authorization", List.of("")).get(0);
            if (!authorization.startsWith("Basic ")) {
                return null; // anonymous
            }
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6)),
                    StandardCharsets.UTF_8);
            List<String> roles = USERS.get(pair);
            return roles == null
                    ? null
                    : Identity.of(pair.substring(0, pair.indexOf(':')),
                            roles.toArray(String[]::new));
        }
    }
    // end::authenticator[]

    // tag::gateway[]
    @WebSocketGateway("/members")
    @RolesAllowed("chat") // <1>
    public static class MembersGateway implements OnGatewayConnection {

        @Inject
        Recorder recorder;

        @Override
        public void handleConnection(GatewayClient client) {
            recorder.record("members:connected:" + client.principal().getName());
        }

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return client.principal().getName();
        }

        @SubscribeMessage("purge")
        @RolesAllowed("admin") // <2>
        public String purge() {
            recorder.record("members:purge");
            return "purged";
        }

        @SubscribeMessage("shutdown")
        @DenyAll // <3>
        public String shutdown() {
            recorder.record("members:shutdown");
            return "never";
        }
    }

    @WebSocketGateway("/lobby")
    @PermitAll // <4>
    public static class LobbyGateway {

        @SubscribeMessage("hello")
        public String hello() {
            return "hi";
        }

        @SubscribeMessage("post")
        @RolesAllowed("**") // <5>
        public String post(@ConnectedSocket GatewayClient client) {
            return "posted by " + client.principal().getName();
        }
    }
    // end::gateway[]

    @WebSocketGateway("/closed")
    @DenyAll
    public static class ClosedGateway implements OnGatewayConnection {

        @Inject
        Recorder recorder;

        @Override
        public void handleConnection(GatewayClient client) {
            recorder.record("closed:connected");
        }
    }

    @ApplicationScoped
    public static class CountingGuard implements CanActivate {

        @Inject
        Recorder recorder;

        @Override
        public boolean canActivate(ExecutionContext context) {
            recorder.record("guard:" + context.getPhase());
            return true;
        }
    }

    @WebSocketGateway("/guarded")
    @RolesAllowed("admin")
    @UseGuards(CountingGuard.class)
    public static class GuardedGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    Recorder recorder;

    @BeforeEach
    void recorder(GatewayRuntime runtime) {
        recorder = runtime.select(Recorder.class);
    }

    static ClientOptions as(String user, String password) {
        return ClientOptions.defaults().basicAuth(user, password);
    }

    private static void assertForbidden(GatewayTestClient client, String event, String message) {
        Frame refused = client.request(event, null);
        assertThat(refused.isError()).as(event).isTrue();
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(refused.errorMessage()).isEqualTo(message);
    }

    @Test
    void anAnonymousClientIsClosedWith4401BeforeHandleConnection(Clients clients) {
        long before = recorder.count("members:connected:");
        GatewayTestClient anonymous = clients.connect("/members");
        assertThat(anonymous.expectClose(4401).reason()).isEqualTo("Not authenticated");
        GatewayTestClient wrongPassword = clients.connect("/members", as("alice", "guess"));
        assertThat(wrongPassword.expectClose(4401).reason()).isEqualTo("Not authenticated");
        assertThat(anonymous.frames()).isEmpty();
        assertThat(recorder.count("members:connected:")).isEqualTo(before);
    }

    @Test
    void anAuthenticatedClientWithoutTheClassRoleIsClosedWith4403(Clients clients) {
        GatewayTestClient carol = clients.connect("/members", as("carol", "singer"));
        assertThat(carol.expectClose(4403).reason()).isEqualTo("Forbidden resource");
        assertThat(recorder.count("members:connected:carol")).isZero();
    }

    @Test
    void aMemberIsAdmittedWithItsPrincipalAndAHandlerRoleDecidesEachMessage(Clients clients) {
        long purges = recorder.count("members:purge");
        GatewayTestClient bob = clients.connect("/members", as("bob", "builder"));
        assertThat(bob.request("whoami", null).data(String.class)).isEqualTo("bob");
        recorder.await("members:connected:bob", 1, WAIT);
        assertForbidden(bob, "purge", "Forbidden resource");
        assertForbidden(bob, "shutdown", "Forbidden resource");
        assertThat(bob.request("whoami", null).data(String.class)).isEqualTo("bob"); // still open

        GatewayTestClient alice = clients.connect("/members", as("alice", "wonder"));
        assertThat(alice.request("purge", null).data(String.class)).isEqualTo("purged");
        assertForbidden(alice, "shutdown", "Forbidden resource");
        assertThat(recorder.count("members:purge")).isEqualTo(purges + 1);
        assertThat(recorder.count("members:shutdown")).isZero();
    }

    @Test
    void permitAllAdmitsAnyoneAndAnyAuthenticatedRoleNeedsOnlyAnIdentity(Clients clients) {
        GatewayTestClient anonymous = clients.connect("/lobby");
        assertThat(anonymous.request("hello", null).data(String.class)).isEqualTo("hi");
        assertForbidden(anonymous, "post", "Not authenticated");
        assertThat(anonymous.request("hello", null).data(String.class)).isEqualTo("hi");

        GatewayTestClient carol = clients.connect("/lobby", as("carol", "singer"));
        assertThat(carol.request("post", null).data(String.class)).isEqualTo("posted by carol");
    }

    @Test
    void denyAllOnTheClassRefusesEveryone(Clients clients) {
        GatewayTestClient alice = clients.connect("/closed", as("alice", "wonder"));
        assertThat(alice.expectClose(4403).reason()).isEqualTo("Forbidden resource");
        GatewayTestClient anonymous = clients.connect("/closed");
        assertThat(anonymous.expectClose(4403).code()).isEqualTo(4403);
        assertThat(recorder.count("closed:connected")).isZero();
    }

    @Test
    void rolesAreCheckedBeforeTheGuards(Clients clients) {
        long before = recorder.count("guard:");
        GatewayTestClient bob = clients.connect("/guarded", as("bob", "builder"));
        assertThat(bob.expectClose(4403).code()).isEqualTo(4403);
        assertThat(recorder.count("guard:")).isEqualTo(before);

        GatewayTestClient alice = clients.connect("/guarded", as("alice", "wonder"));
        assertThat(alice.request("ping", null).data(String.class)).isEqualTo("pong");
        assertThat(recorder.count("guard:")).isEqualTo(before + 2); // at the connection, then for the message
    }
}
