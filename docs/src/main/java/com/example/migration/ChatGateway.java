package com.example.migration;

import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsResponse;

import com.example.demo.ChatMessage;
import com.example.demo.MessageAck;
import com.example.demo.SendMessage;

/** The Java side of the NestJS migration page: a NestJS gateway on the ws platform, ported with its front end. */
// tag::gateway[]
@WebSocketGateway("/chat")
public class ChatGateway implements OnGatewayConnection, OnGatewayDisconnect {

    @Inject
    GatewayServer server;
    // end::gateway[]

    // tag::connection[]
    @Override
    public void handleConnection(GatewayClient client) {
        String room = Objects.requireNonNullElse(client.queryParam("room"), "lobby");
        client.setAttribute("room", room);
        client.join(room);
        server.to(room).except(client).emit("joined", client.id());
    }
    // end::connection[]

    // tag::send[]
    @SubscribeMessage("send_message")
    public WsResponse<MessageAck> send(@MessageBody SendMessage msg, @ConnectedSocket GatewayClient client) {
        String room = client.attribute("room");
        ChatMessage saved = new ChatMessage(UUID.randomUUID().toString(), room, client.id(), msg.text());
        server.to(room).emit("message", saved);
        return WsResponse.of("ack", new MessageAck(saved.id(), "delivered"));
    }
    // end::send[]

    // tag::disconnect[]
    @Override
    public void handleDisconnect(GatewayClient client, CloseReason reason) {
        server.to(client.<String>attribute("room")).emit("left", client.id());
    }
    // end::disconnect[]
}
