package com.example.demo;

import java.util.UUID;

import jakarta.websocket.CloseReason;
import jakarta.websocket.server.PathParam;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.OnGatewayDisconnect;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;

// tag::class[]
@WebSocketGateway("/chat/{room}") // <1>
public class ChatGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {

    private GatewayServer server;

    @Override
    public void afterInit(GatewayServer server) { // <2>
        this.server = server;
    }

    @Override
    public void handleConnection(GatewayClient client) { // <3>
        String room = client.pathParam("room");
        client.join(room);
        client.emit("welcome", client.id());
        server.to(room).except(client).emit("joined", client.id());
    }

    @SubscribeMessage("send_message") // <4>
    public MessageAck send(@MessageBody SendMessage msg, @PathParam("room") String room,
            @ConnectedSocket GatewayClient client) {
        if (msg.text() == null || msg.text().isBlank()) {
            throw new WsException("A message needs some text"); // <5>
        }
        ChatMessage saved = new ChatMessage(UUID.randomUUID().toString(), room, client.id(), msg.text().strip());
        server.to(room).emit("message", saved); // <6>
        return new MessageAck(saved.id(), "delivered"); // <7>
    }

    @Override
    public void handleDisconnect(GatewayClient client, CloseReason reason) {
        server.to(client.pathParam("room")).emit("left", client.id()); // <8>
    }
}
// end::class[]
