package org.cdigateway.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.CanActivate;
import org.cdigateway.ExecutionContext;
import org.cdigateway.GatewayClient;
import org.cdigateway.Global;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.tests.Recorder;
import org.junit.jupiter.api.Test;

/** A global guard covers a gateway that names no guard; several run in @Priority order. */
@GatewayTest(classes = Recorder.class)
class GlobalGuardTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::global-guard[]
    @Global // <1>
    @Priority(10)
    @ApplicationScoped
    public static class TenantGuard implements CanActivate {

        @Inject
        Recorder recorder;

        @Override
        public boolean canActivate(ExecutionContext context) {
            recorder.record("guard:tenant:" + context.getPhase());
            return context.switchToWs().getClient().header("X-Tenant") != null;
        }
    }
    // end::global-guard[]

    @Global
    @Priority(20)
    @ApplicationScoped
    public static class AuditGuard implements CanActivate {

        @Inject
        Recorder recorder;

        @Override
        public boolean canActivate(ExecutionContext context) {
            recorder.record("guard:audit:" + context.getPhase());
            return true;
        }
    }

    @WebSocketGateway("/open")
    public static class ForgottenGateway implements OnGatewayConnection {

        @Inject
        Recorder recorder;

        @Override
        public void handleConnection(GatewayClient client) {
            recorder.record("forgotten:connected");
        }

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @Test
    void aGatewayWithoutUseGuardsIsGuardedByTheGlobalGuards(Clients clients, GatewayRuntime runtime) {
        Recorder recorder = runtime.select(Recorder.class);
        GatewayTestClient stranger = clients.connect("/open");
        stranger.expectClose(4403);
        assertThat(recorder.count("forgotten:connected")).isZero();

        GatewayTestClient tenant = clients.connect("/open", ClientOptions.defaults().header("X-Tenant", "acme"));
        assertThat(tenant.request("ping", null).data(String.class)).isEqualTo("pong");
        recorder.await("forgotten:connected", 1, WAIT);
        assertThat(recorder.events()).containsSubsequence("guard:tenant:CONNECTION", "guard:audit:CONNECTION",
                "forgotten:connected", "guard:tenant:MESSAGE", "guard:audit:MESSAGE");
    }
}
