package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;
import org.cdigateway.spi.LocalDelivery;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * With MicroProfile Health visible to the application, the gateways report their readiness: up while they serve and
 * the broadcaster reaches the other nodes, down before, while it does not, and once the application stops; clients
 * play no part.
 */
class ReadinessTest {

    @WebSocketGateway("/ready")
    static class ReadyGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    /** A broadcaster whose link to the other nodes the test cuts and restores. */
    @ApplicationScoped
    public static class SwitchedBroadcaster implements Broadcaster {

        static final AtomicBoolean UP = new AtomicBoolean(true);
        private LocalDelivery local;

        @Override
        public void start(LocalDelivery local) {
            this.local = local;
        }

        @Override
        public void broadcast(Broadcast broadcast) {
            local.deliver(broadcast);
        }

        @Override
        public boolean connected() {
            return UP.get();
        }
    }

    // tag::readiness[]
    static HealthCheckResponse readiness(GatewayRuntime runtime) {
        HealthCheck check = runtime.beanManager().createInstance()
                .select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
        return check.call();
    }
    // end::readiness[]

    @Test
    void upWhileTheGatewaysServeWhateverTheClientsAndDownOnceStopped() {
        GatewayRuntime runtime = GatewayRuntime.builder().port(0).beanClasses(ReadyGateway.class).start();
        try {
            HealthCheckResponse up = readiness(runtime);
            assertThat(up.getName()).isEqualTo("cdi-gateway");
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            Map<String, Object> data = up.getData().orElseThrow();
            assertThat(data).containsEntry("gateways", "/ready").containsEntry("serving", true)
                    .containsEntry("broadcasterConnected", true).containsEntry("connectedClients", 0L);
            assertThat((String) data.get("broadcaster")).endsWith("LocalBroadcaster");

            try (GatewayTestClient client = GatewayTestClient.connect(runtime.wsUri("/ready"))) {
                assertThat(client.request("ping", null).data(String.class)).isEqualTo("pong");
                HealthCheckResponse withClient = readiness(runtime);
                assertThat(withClient.getStatus()).isEqualTo(Status.UP);
                assertThat(withClient.getData().orElseThrow()).containsEntry("connectedClients", 1L);
            }
            HealthCheck check = runtime.beanManager().createInstance()
                    .select(HealthCheck.class, Readiness.Literal.INSTANCE).get();
            runtime.close();
            HealthCheckResponse stopped = check.call();
            assertThat(stopped.getStatus()).isEqualTo(Status.DOWN);
            assertThat(stopped.getData().orElseThrow()).containsEntry("serving", false);
        } finally {
            runtime.close();
        }
    }

    @Test
    void downWhileTheBroadcasterCannotReachTheOtherNodes() {
        SwitchedBroadcaster.UP.set(true);
        try (GatewayRuntime runtime = GatewayRuntime.builder().port(0)
                .beanClasses(ReadyGateway.class, SwitchedBroadcaster.class).start()) {
            assertThat(readiness(runtime).getStatus()).isEqualTo(Status.UP);
            SwitchedBroadcaster.UP.set(false);
            HealthCheckResponse down = readiness(runtime);
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getData().orElseThrow()).containsEntry("serving", true)
                    .containsEntry("broadcasterConnected", false)
                    .containsEntry("broadcaster", SwitchedBroadcaster.class.getName());
            SwitchedBroadcaster.UP.set(true);
            assertThat(readiness(runtime).getStatus()).isEqualTo(Status.UP);
        }
    }
}
