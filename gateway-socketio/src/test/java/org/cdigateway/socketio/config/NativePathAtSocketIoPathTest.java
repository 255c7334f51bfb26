package org.cdigateway.socketio.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.Adapter;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.junit.jupiter.api.Test;

/**
 * A gateway of the native protocol at the path of the Socket.IO endpoint, or under it, fails the deployment with the
 * other mistakes, instead of failing in the WebSocket container; a path that only begins with the same letters is
 * another path.
 */
@GatewayTest
class NativePathAtSocketIoPathTest {

    // tag::native-path[]
    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/chat") // the Socket.IO endpoint at /socket.io/
    static class ChatGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @WebSocketGateway("/socket.io") // GW-0121: the Socket.IO endpoint's path
    static class LegacyGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }
    // end::native-path[]

    @WebSocketGateway(value = "/socket.io/admin/{room}", adapter = {Adapter.NATIVE,
            Adapter.SOCKET_IO}, namespace = "/admin") // GW-0121: under the endpoint's path
    static class AdminGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @WebSocketGateway("/socket.io-legacy") // another path
    static class OtherGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @WebSocketGateway("/{anything}") // a variable is not matched against the endpoint's path
    static class AnyGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @Test
    void aNativePathAtOrUnderTheSocketIoPathIsADeploymentError(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0121", "GW-0121");
        String prefix = "org.cdigateway.socketio.config.NativePathAtSocketIoPathTest.";
        assertThat(failure.message())
                .contains("GW-0121 " + prefix + "LegacyGateway serves the native protocol at '/socket.io', which is"
                        + " the path of the Socket.IO endpoint '/socket.io/' or lies under it, and that endpoint"
                        + " serves its path and everything under it. Move the gateway to another path"
                        + " (@WebSocketGateway(\"/other\")), or the Socket.IO endpoint (@SocketIoConfig(path = ...)"
                        + " or cdigateway.socketio.path).")
                .contains("GW-0121 " + prefix + "AdminGateway serves the native protocol at '/socket.io/admin/{room}'")
                .doesNotContain("OtherGateway", "AnyGateway");
    }
}
