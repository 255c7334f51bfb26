package org.cdigateway.tests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.BearerToken;
import org.cdigateway.CanActivate;
import org.cdigateway.CanActivateAsync;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.ForbiddenException;
import org.cdigateway.GatewayClient;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UnauthorizedException;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.tests.Recorder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guards at connection time (class level: 4401/4403 before handleConnection, no message dispatched) and per message
 * (method level: a FORBIDDEN frame with the request's id, the connection stays open), from a header, a subprotocol,
 * a cookie or the query; asynchronous guards; guards that throw; a guard on another bean's method.
 */
@GatewayTest(classes = Recorder.class)
class GuardsTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::roles[]
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Roles {

        String[] value();
    }
    // end::roles[]

    // tag::token-guard[]
    @ApplicationScoped
    public static class TokenGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            GatewayClient client = context.switchToWs().getClient();
            if (client.attribute("user") != null) {
                return true; // checked when the client connected
            }
            String token = BearerToken.find(client)
                    .orElseThrow(() -> new UnauthorizedException("A bearer token is required"));
            Tokens.User user = Tokens.verify(token)
                    .orElseThrow(() -> new UnauthorizedException("The token is not valid"));
            client.setAttribute("user", user);
            return true;
        }
    }
    // end::token-guard[]

    // tag::roles-guard[]
    @ApplicationScoped
    public static class RolesGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            Roles roles = context.getHandler() == null ? null : context.getHandler().getAnnotation(Roles.class);
            if (roles == null) {
                return true;
            }
            Tokens.User user = context.switchToWs().getClient().attribute("user");
            return user != null && user.roles().stream().anyMatch(List.of(roles.value())::contains);
        }
    }
    // end::roles-guard[]

    @ApplicationScoped
    public static class BrokenGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            throw new IllegalStateException("the guard's own bug");
        }
    }

    @ApplicationScoped
    public static class SlowApprovalGuard implements CanActivateAsync {

        @Override
        public CompletionStage<Boolean> canActivate(ExecutionContext context) {
            Executor later = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);
            String data = context.switchToWs().getData(String.class);
            return CompletableFuture.supplyAsync(() -> "please".equals(data), later);
        }
    }

    @ApplicationScoped
    public static class AuditService {

        @UseGuards(RolesGuard.class)
        @Roles("auditor")
        public String audit() {
            return "audited";
        }
    }

    // tag::gateway[]
    @WebSocketGateway("/secure")
    @UseGuards(TokenGuard.class) // <1>
    public static class SecureGateway implements OnGatewayConnection {

        @Inject
        Recorder recorder;
        @Inject
        AuditService audit;

        @Override
        public void handleConnection(GatewayClient client) {
            recorder.record("secure:connected:" + client.<Tokens.User>attribute("user").name());
        }

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            recorder.record("secure:whoami");
            return client.<Tokens.User>attribute("user").name();
        }

        @SubscribeMessage("purge")
        @UseGuards(RolesGuard.class) // <2>
        @Roles("admin")
        public String purge(@MessageBody String what) {
            recorder.record("secure:purge");
            return "purged " + what;
        }
        // end::gateway[]

        @SubscribeMessage("broken")
        @UseGuards(BrokenGuard.class)
        public String broken() {
            recorder.record("secure:broken");
            return "never";
        }

        @SubscribeMessage("approve")
        @UseGuards(SlowApprovalGuard.class)
        public String approve(String word) {
            return "approved";
        }

        @SubscribeMessage("audit")
        public String audit() {
            return audit.audit();
        }
        // tag::gateway[]
    }
    // end::gateway[]

    @WebSocketGateway("/broken-at-connect")
    @UseGuards(BrokenGuard.class)
    public static class BrokenAtConnectGateway implements OnGatewayConnection {

        @Inject
        Recorder recorder;

        @Override
        public void handleConnection(GatewayClient client) {
            recorder.record("broken-at-connect:connected");
        }
    }

    Recorder recorder;

    @BeforeEach
    void recorder(GatewayRuntime runtime) {
        recorder = runtime.select(Recorder.class);
    }

    private static ClientOptions bearer(String token) {
        return ClientOptions.defaults().header("Authorization", "Bearer " + token);
    }

    @Test
    void aConnectionWithoutATokenIsClosedWith4401BeforeHandleConnection(Clients clients) {
        long connectedBefore = recorder.count("secure:connected");
        GatewayTestClient client = clients.connect("/secure");
        assertThat(client.expectClose(4401).reason()).isEqualTo("A bearer token is required");
        assertThat(client.frames()).isEmpty();
        assertThat(recorder.count("secure:connected")).isEqualTo(connectedBefore);
    }

    @Test
    void aForgedTokenIsClosedWith4401AndNothingIsDispatched(Clients clients) {
        long whoamiBefore = recorder.count("secure:whoami");
        String forged = Tokens.issue("mallory", "admin").replaceFirst("\\.", ".x");
        GatewayTestClient client = clients.connect("/secure", bearer(forged));
        try {
            client.emit("whoami", null); // may reach the socket before the close: it must not be dispatched
        } catch (IllegalStateException alreadyClosed) {
            // the close came first
        }
        assertThat(client.expectClose(4401).reason()).isEqualTo("The token is not valid");
        assertThat(recorder.count("secure:whoami")).isEqualTo(whoamiBefore);
    }

    @Test
    void aTokenIsFoundInTheHeaderTheSubprotocolTheCookieOrTheQuery(Clients clients) {
        String token = Tokens.issue("alice", "user");
        assertThat(clients.connect("/secure", bearer(token)).request("whoami", null).data(String.class))
                .isEqualTo("alice");

        GatewayTestClient viaProtocol = clients.connect("/secure",
                ClientOptions.defaults().subprotocol("bearer").subprotocol(token));
        assertThat(viaProtocol.subprotocol()).isEqualTo("bearer");
        assertThat(viaProtocol.request("whoami", null).data(String.class)).isEqualTo("alice");

        GatewayTestClient viaCookie = clients.connect("/secure",
                ClientOptions.defaults().header("Cookie", "theme=dark; access_token=" + token));
        assertThat(viaCookie.request("whoami", null).data(String.class)).isEqualTo("alice");

        GatewayTestClient viaQuery = clients.connect("/secure?access_token=" + token);
        assertThat(viaQuery.request("whoami", null).data(String.class)).isEqualTo("alice");
        recorder.await("secure:connected:alice", 4, WAIT);
    }

    @Test
    void aRoleGuardRefusesOneEventWithForbiddenAndTheConnectionStaysOpen(Clients clients) {
        long purgesBefore = recorder.count("secure:purge");
        GatewayTestClient user = clients.connect("/secure", bearer(Tokens.issue("bob", "user")));
        user.sendText("{\"event\":\"purge\",\"data\":\"everything\",\"id\":\"r-1\"}");
        Frame refused = user.awaitFrame(WAIT); // whatever comes next, with or without id
        assertThat(refused.isError()).isTrue();
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(refused.errorMessage()).isEqualTo("Forbidden resource");
        assertThat(refused.idAsString()).isEqualTo("r-1");
        assertThat(user.request("whoami", null).data(String.class)).isEqualTo("bob");
        assertThat(recorder.count("secure:purge")).isEqualTo(purgesBefore);

        GatewayTestClient admin = clients.connect("/secure", bearer(Tokens.issue("ann", "admin")));
        assertThat(admin.request("purge", "cache").data(String.class)).isEqualTo("purged cache");
    }

    @Test
    void aGuardThatThrowsRefusesTheMessageAndTheConnectionStaysOpen(Clients clients) {
        GatewayTestClient client = clients.connect("/secure", bearer(Tokens.issue("carol")));
        Frame refused = client.request("broken", null);
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(recorder.count("secure:broken")).isZero();
        assertThat(client.request("whoami", null).data(String.class)).isEqualTo("carol");
    }

    @Test
    void aGuardThatThrowsAtConnectionTimeRefusesWith4403(Clients clients) {
        GatewayTestClient client = clients.connect("/broken-at-connect");
        client.expectClose(4403);
        assertThat(recorder.count("broken-at-connect:connected")).isZero();
    }

    @Test
    void anAsynchronousGuardIsAwaitedAndMessagesStayInOrder(Clients clients) {
        GatewayTestClient client = clients.connect("/secure", bearer(Tokens.issue("dave")));
        client.emit("approve", "nope");
        client.emit("approve", "please");
        client.emit("whoami", null);
        Frame first = client.awaitFrame(WAIT);
        Frame second = client.awaitFrame(WAIT);
        Frame third = client.awaitFrame(WAIT);
        assertThat(first.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(second.data(String.class)).isEqualTo("approved");
        assertThat(third.data(String.class)).isEqualTo("dave");
    }

    @Test
    void useGuardsOnAnotherBeansMethodRunsAgainstTheCurrentMessage(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient user = clients.connect("/secure", bearer(Tokens.issue("erin", "user")));
        assertThat(user.request("audit", null).errorCode()).isEqualTo("FORBIDDEN");
        GatewayTestClient auditor = clients.connect("/secure", bearer(Tokens.issue("fay", "auditor")));
        assertThat(auditor.request("audit", null).data(String.class)).isEqualTo("audited");

        AuditService service = runtime.select(AuditService.class);
        assertThatThrownBy(service::audit).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("outside a gateway message");
    }
}
