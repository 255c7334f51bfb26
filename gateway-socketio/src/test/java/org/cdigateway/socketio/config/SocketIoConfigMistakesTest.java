package org.cdigateway.socketio.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdigateway.Adapter;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.DeploymentFailure;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.socketio.SocketIoConfig;
import org.junit.jupiter.api.Test;

/**
 * Mistakes in {@link SocketIoConfig} fail the deployment, all of them at once, with the other mistakes of the
 * gateways: two gateways that disagree, the annotation on a gateway that does not speak Socket.IO, invalid values.
 */
@GatewayTest
class SocketIoConfigMistakesTest {

    // tag::conflict[]
    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/chat")
    @SocketIoConfig(pingInterval = 10_000)
    static class ChatGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/news")
    @SocketIoConfig(pingInterval = 5_000) // GW-0118: the endpoint has one ping interval
    static class NewsGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }
    // end::conflict[]

    // tag::not-socketio[]
    @WebSocketGateway("/native") // GW-0119: speaks the native protocol only
    @SocketIoConfig(transports = org.cdigateway.socketio.Transport.WEBSOCKET)
    static class NativeGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }
    // end::not-socketio[]

    // tag::invalid[]
    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/admin")
    @SocketIoConfig(maxPayload = 0, allowedOrigins = "admin.example") // GW-0120 twice
    static class AdminGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }
    // end::invalid[]

    @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/chat") // GW-0115, reported with the rest
    static class SecondChatGateway {

        @SubscribeMessage("ping")
        public String ping() {
            return "pong";
        }
    }

    @Test
    void everyMistakeIsReportedAtOnce(DeploymentFailure failure) {
        assertThat(failure.ids()).containsExactlyInAnyOrder("GW-0115", "GW-0118", "GW-0119", "GW-0120", "GW-0120");
        String prefix = "org.cdigateway.socketio.config.SocketIoConfigMistakesTest.";
        assertThat(failure.message())
                .contains("GW-0118 @SocketIoConfig sets pingInterval to ")
                .contains(prefix + "ChatGateway", prefix + "NewsGateway")
                .contains("but one Socket.IO endpoint serves every namespace, so it has one value. Set pingInterval"
                        + " on one of the gateways only, or to the same value on both.")
                .contains("GW-0119 " + prefix + "NativeGateway has @SocketIoConfig but does not speak Socket.IO."
                        + " Add Adapter.SOCKET_IO to its @WebSocketGateway(adapter = ...), or move @SocketIoConfig"
                        + " to a gateway that does.")
                .contains("GW-0120 The Socket.IO setting @SocketIoConfig(maxPayload = 0) on " + prefix
                        + "AdminGateway is not valid: maxPayload must be a positive number.")
                .contains("GW-0120 The Socket.IO setting @SocketIoConfig(allowedOrigins = {\"admin.example\"}) on "
                        + prefix + "AdminGateway is not valid: allowedOrigins must be \"*\" or origins such as"
                        + " https://app.example (scheme://host[:port]).");
    }
}
