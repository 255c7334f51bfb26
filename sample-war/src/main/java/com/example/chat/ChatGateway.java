package com.example.chat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.websocket.CloseReason;
import jakarta.websocket.server.PathParam;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.EmitsEvent;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.RemoteClient;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.UseGuards;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;

import com.example.login.TokenGuard;

/**
 * A chat: one room per path, members signed in with a token, presence and typing notices to the others, messages
 * acknowledged to their sender.
 */
// tag::gateway[]
@WebSocketGateway("/chat/{room}") // <1>
@UseGuards(TokenGuard.class) // <2>
// tag::emits[]
@EmitsEvent(name = "welcome", payload = Welcome.class, description = "To a member that joined: who is in the room")
@EmitsEvent(name = "joined", payload = String.class, description = "To the others: the name of a member that joined")
@EmitsEvent(name = "left", payload = String.class, description = "To the others: the name of a member that left")
// end::emits[]
public class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {

    private GatewayServer server;

    @Override
    public void afterInit(GatewayServer server) { // <3>
        this.server = server;
    }

    // tag::presence[]
    @Override
    public void handleConnection(GatewayClient client) { // <4>
        String room = client.pathParam("room");
        String name = client.attribute("name");
        client.data().put("name", name); // shared: other nodes list it
        client.join(room);
        server.to(room).fetchClients().whenComplete((members, failure) -> // every node's members
        client.emit("welcome", new Welcome(name, room, failure == null ? names(members) : here(room))));
        server.to(room).except(client).emit("joined", name);
    }
    // end::presence[]

    // tag::send[]
    @SubscribeMessage("send_message") // <5>
    @EmitsEvent(name = "message", payload = ChatMessage.class, description = "A message, to every member")
    public MessageAck send(@MessageBody SendMessage msg, @PathParam("room") String room,
            @ConnectedSocket GatewayClient client) {
        if (msg.text() == null || msg.text().isBlank()) {
            throw new WsException("A message needs some text"); // <6>
        }
        ChatMessage saved = new ChatMessage(UUID.randomUUID().toString(), room, client.attribute("name"),
                msg.text().strip(), Instant.now());
        server.to(room).emit("message", saved); // <7>
        return new MessageAck(saved.id(), "delivered"); // <8>
    }
    // end::send[]

    // tag::typing[]
    @SubscribeMessage("typing")
    @EmitsEvent(name = "typing", payload = Typing.class, description = "To the others: who is typing")
    public void typing(@MessageBody boolean typing, @ConnectedSocket GatewayClient client) { // <9>
        server.to(client.pathParam("room")).except(client).emit("typing",
                new Typing(client.attribute("name"), typing));
    }
    // end::typing[]

    // tag::leave[]
    @Override
    public void handleDisconnect(GatewayClient client, CloseReason reason) {
        server.to(client.pathParam("room")).emit("left", client.attribute("name")); // <10>
    }
    // end::leave[]

    private static List<String> names(List<RemoteClient> members) {
        return members.stream().map(c -> c.data("name", String.class)).sorted().toList();
    }

    /** This node's members: when another node did not answer in time. */
    private List<String> here(String room) {
        return server.to(room).clients().stream().map(c -> c.<String>attribute("name")).sorted().toList();
    }
}
// end::gateway[]
