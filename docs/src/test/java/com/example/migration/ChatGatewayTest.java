package com.example.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

import com.example.demo.ChatMessage;
import com.example.demo.MessageAck;
import com.example.demo.SendMessage;

/** The frames the NestJS front end of the migration page sends and reads, without ids, as it did before. */
@GatewayTest(classes = ChatGateway.class)
class ChatGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void theFrontEndOfTheNestJsGatewayWorksUnchanged(Clients clients) {
        GatewayTestClient ada = clients.connect("/chat?room=kitchen");
        ada.request("ready?", null); // answered (UNKNOWN_EVENT) once ada's handleConnection has run
        GatewayTestClient bob = clients.connect("/chat?room=kitchen");
        GatewayTestClient eve = clients.connect("/chat");
        String bobId = ada.awaitEvent("joined", WAIT).data(String.class);

        bob.emit("send_message", new SendMessage("hi")); // no id, as a NestJS front end sends

        Frame ack = bob.awaitEvent("ack", WAIT);
        assertEquals("delivered", ack.data(MessageAck.class).status());
        ChatMessage message = ada.awaitEvent("message", WAIT).data(ChatMessage.class);
        assertEquals(new ChatMessage(ack.data(MessageAck.class).id(), "kitchen", bobId, "hi"), message);
        eve.assertNoFrame(Duration.ofMillis(300)); // the lobby hears nothing

        bob.close();
        assertEquals(bobId, ada.awaitEvent("left", WAIT).data(String.class));
    }
}
