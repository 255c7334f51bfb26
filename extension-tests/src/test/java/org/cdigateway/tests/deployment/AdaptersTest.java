package org.cdigateway.tests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.Adapter;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/**
 * The protocols a gateway names are checked at deployment: at least one, a namespace that starts with '/', and an
 * adapter on the class path for each (the Socket.IO module is not on this module's).
 */
@GatewayTest
class AdaptersTest {

    @WebSocketGateway(value = "/none", adapter = {})
    static class NoAdapterGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @WebSocketGateway(value = "/io", adapter = Adapter.SOCKET_IO, namespace = "chat")
    static class SocketIoGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @Test
    void everyMistakeIsReportedWithItsId(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0116", "GW-0117", "GW-0117");
        assertThat(failure.message())
                .contains("GW-0117 The protocols of org.cdigateway.tests.deployment.AdaptersTest.NoAdapterGateway are"
                        + " not valid: adapter = {} names none.")
                .contains("GW-0116 org.cdigateway.tests.deployment.AdaptersTest.SocketIoGateway speaks SOCKET_IO, but"
                        + " no adapter for it is on the class path. Add the dependency"
                        + " org.cdigateway:gateway-socketio to the application.")
                .contains("GW-0117 The protocols of org.cdigateway.tests.deployment.AdaptersTest.SocketIoGateway are"
                        + " not valid: the namespace 'chat' does not start with '/'");
    }
}
