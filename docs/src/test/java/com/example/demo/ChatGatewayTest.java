package com.example.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

@GatewayTest(classes = ChatGateway.class) // <1>
class ChatGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void membersOfARoomSeeEachOthersMessages(Clients clients) { // <2>
        GatewayTestClient ada = clients.connect("/chat/lobby");
        String adaId = ada.awaitEvent("welcome", WAIT).data(String.class);
        GatewayTestClient bob = clients.connect("/chat/lobby");
        bob.awaitEvent("welcome", WAIT);
        GatewayTestClient eve = clients.connect("/chat/kitchen");
        eve.awaitEvent("welcome", WAIT);
        ada.awaitEvent("joined", WAIT);

        Frame ack = ada.request("send_message", new SendMessage("hello")); // <3>

        assertEquals("delivered", ack.data(MessageAck.class).status());
        ChatMessage received = bob.awaitEvent("message", WAIT).data(ChatMessage.class);
        assertEquals("hello", received.text());
        assertEquals(adaId, received.from());
        eve.assertNoFrame(Duration.ofMillis(300)); // <4>
    }

    @Test
    void aMessageWithoutTextIsAnError(Clients clients) {
        GatewayTestClient ada = clients.connect("/chat/lobby");
        ada.awaitEvent("welcome", WAIT);

        Frame error = ada.request("send_message", new SendMessage(" "));

        assertEquals("exception", error.event()); // <5>
    }
}
