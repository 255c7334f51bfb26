package com.example.socketio;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.cdigateway.Adapter;
import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;

/**
 * A chat for the official Socket.IO client: the namespace {@code /chat}, a display name from the connection's
 * {@code auth}, one room at a time joined by an event, messages to the room; each event is acknowledged with what the
 * handler returns.
 */
// tag::gateway[]
@WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/chat") // <1>
public class SocketIoChatGateway implements OnGatewayConnection, OnGatewayDisconnect {

    @Inject
    GatewayServer server; // <2>

    // tag::connect[]
    @Override
    public void handleConnection(GatewayClient client) {
        Hello hello = client.auth(Hello.class); // <3>
        String name = hello == null || hello.name() == null || hello.name().isBlank()
                ? "guest-" + client.id().substring(0, 4)
                : hello.name().strip();
        client.setAttribute("name", name);
        client.emit("welcome", name); // <4>
    }
    // end::connect[]

    // tag::join[]
    @SubscribeMessage("join")
    public Joined join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
        if (room == null || room.isBlank()) {
            throw new WsException("A room needs a name"); // <5>
        }
        String name = client.attribute("name");
        leaveRoom(client);
        client.join(room);
        client.setAttribute("room", room);
        server.to(room).except(client).emit("joined", name); // <6>
        return new Joined(room, members(room)); // <7>
    }
    // end::join[]

    // tag::say[]
    @SubscribeMessage("say")
    public Delivered say(@MessageBody String text, @ConnectedSocket GatewayClient client) {
        String room = client.attribute("room");
        if (room == null) {
            throw new WsException("Join a room first");
        }
        if (text == null || text.isBlank()) {
            throw new WsException("A message needs some text");
        }
        server.to(room).emit("message", new RoomMessage(room, client.attribute("name"), text.strip()));
        return new Delivered(room, server.roomSize(room));
    }
    // end::say[]

    @Override
    public void handleDisconnect(GatewayClient client, CloseReason reason) {
        leaveRoom(client);
    }

    private void leaveRoom(GatewayClient client) {
        String room = client.attribute("room");
        if (room != null) {
            client.leave(room);
            server.to(room).emit("left", client.attribute("name"));
        }
    }

    private List<String> members(String room) {
        return server.to(room).clients().stream().map(c -> c.<String>attribute("name")).sorted().toList();
    }
}
// end::gateway[]
