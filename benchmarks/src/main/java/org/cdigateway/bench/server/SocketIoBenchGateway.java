package org.cdigateway.bench.server;

import jakarta.inject.Inject;
import jakarta.json.JsonValue;

import org.cdigateway.Adapter;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;

/**
 * The bench protocol for Socket.IO clients, in the main namespace at {@code /socket.io/}: {@code echo} emits
 * {@code echo} back with the same data, {@code echo_ack} acknowledges with it, {@code join} joins the room and emits
 * {@code joined}, {@code broadcast} emits {@code message} with the payload to every member of the room.
 */
@WebSocketGateway(value = "/bench-socketio", adapter = Adapter.SOCKET_IO, maxConnectionsPerAddress = 0)
public class SocketIoBenchGateway {

    @Inject
    GatewayServer server;

    @SubscribeMessage("echo")
    public WsResponse<JsonValue> echo(@MessageBody JsonValue data) {
        return WsResponse.of("echo", data);
    }

    @SubscribeMessage("echo_ack")
    public JsonValue echoAck(@MessageBody JsonValue data) {
        return data;
    }

    @SubscribeMessage("join")
    public WsResponse<String> join(@MessageBody String room, GatewayClient client) {
        client.join(room);
        return WsResponse.of("joined", room);
    }

    @SubscribeMessage("broadcast")
    public void broadcast(@MessageBody("room") String room, @MessageBody("payload") JsonValue payload) {
        server.to(room).emit("message", payload);
    }
}
