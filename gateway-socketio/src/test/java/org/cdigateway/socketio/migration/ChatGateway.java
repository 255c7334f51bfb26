package org.cdigateway.socketio.migration;

import java.util.Map;

import jakarta.inject.Inject;

import org.cdigateway.Adapter;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;

/**
 * A NestJS chat gateway for socket.io clients, ported: the example of {@code docs/howto/nestjs-socketio-migration.adoc},
 * driven by the official client in {@link NestJsMigrationTest}.
 */
// tag::gateway[]
@WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/chat") // io("https://example.com/chat")
@UseGuards(ChatTokenGuard.class) // checks every connection, then every message
public class ChatGateway implements OnGatewayConnection {

    @Inject
    GatewayServer server; // @WebSocketServer() server: Namespace
    // end::gateway[]

    // tag::records[]
    /** What a client connects with: {@code io(url + "/chat", {auth: {token, user}})}. */
    public record ChatAuth(String token, String user) {}

    public record Welcome(String id, String user) {}

    public record Joined(String room, String user) {}

    public record Say(String room, String text) {}

    public record Said(String user, String text) {}
    // end::records[]

    // tag::connection[]
    @Override
    public void handleConnection(GatewayClient client) { // after ChatTokenGuard admitted it
        String user = client.auth(ChatAuth.class).user(); // client.handshake.auth
        client.setAttribute("user", user); // client.data.user = user
        client.emit("welcome", new Welcome(client.id(), user));
    }
    // end::connection[]

    // tag::join[]
    @SubscribeMessage("join")
    public Map<String, String> join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
        client.join(room);
        server.to(room).except(client).emit("joined", new Joined(room, client.attribute("user")));
        return Map.of("room", room); // the acknowledgement
    }
    // end::join[]

    // tag::say[]
    @SubscribeMessage("say")
    public Map<String, Boolean> say(@MessageBody Say message, @ConnectedSocket GatewayClient client) {
        if (!client.rooms().contains(message.room())) {
            throw new WsException("Join " + message.room() + " first");
        }
        server.to(message.room()).emit("said", new Said(client.attribute("user"), message.text()));
        return Map.of("delivered", true);
    }
    // end::say[]

    // tag::announce[]
    @SubscribeMessage("announce")
    @UseGuards(AdminGuard.class) // after the class's guard
    public boolean announce(@MessageBody String text) {
        server.emit("announcement", text); // every client of the namespace
        return true;
    }
    // end::announce[]
}
