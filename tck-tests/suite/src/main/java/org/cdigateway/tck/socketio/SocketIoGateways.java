package org.cdigateway.tck.socketio;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.cdigateway.Adapter;
import org.cdigateway.Arguments;
import org.cdigateway.CanActivate;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.ExecutionContext;
import org.cdigateway.ForbiddenException;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;

/** The gateways of {@link SocketIoIT}: one that speaks both protocols, and a guarded Socket.IO namespace. */
public final class SocketIoGateways {

    private SocketIoGateways() {}

    /** The main namespace, and the native path {@code /mixed}: one gateway, clients of both kinds. */
    @WebSocketGateway(value = "/mixed", adapter = {Adapter.SOCKET_IO, Adapter.NATIVE})
    public static class MixedGateway implements OnGatewayConnection {

        @Inject
        GatewayServer server;

        @Override
        public void handleConnection(GatewayClient client) {
            JsonObject auth = client.auth(JsonObject.class);
            if (auth != null) {
                client.emit("auth", auth);
            }
        }

        @SubscribeMessage("message")
        public WsResponse<Arguments> message(Arguments arguments) {
            return WsResponse.of("message-back", arguments);
        }

        @SubscribeMessage("message-with-ack")
        public Arguments messageWithAck(Arguments arguments) {
            return arguments;
        }

        @SubscribeMessage("join")
        public String join(@ConnectedSocket GatewayClient client, String room) {
            client.join(room);
            return room;
        }

        public record Shout(String room, String payload) {}

        @SubscribeMessage("shout")
        public boolean shout(Shout shout) {
            server.to(shout.room()).emit("heard", shout.payload());
            return true;
        }
    }

    @ApplicationScoped
    public static class TokenGuard implements CanActivate {

        @Override
        public boolean canActivate(ExecutionContext context) {
            JsonObject auth = context.switchToWs().getClient().auth(JsonObject.class);
            if (auth == null || !"letmein".equals(auth.getString("token", null))) {
                throw new ForbiddenException("Bad token");
            }
            return true;
        }
    }

    /** A Socket.IO namespace whose guard reads the connection's auth. */
    @WebSocketGateway(value = "/guarded", adapter = Adapter.SOCKET_IO, namespace = "/guarded")
    @UseGuards(TokenGuard.class)
    public static class GuardedGateway {

        @SubscribeMessage("whoami")
        public String whoami(@ConnectedSocket GatewayClient client) {
            return "admitted";
        }
    }
}
