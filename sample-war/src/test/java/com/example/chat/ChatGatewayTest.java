package com.example.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/** The sample chat, through real sockets: two members of a room talk, a third room hears nothing. */
@GatewayTest(classes = ChatGateway.class)
class ChatGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::chat[]
    @Test
    void membersOfARoomSeeEachOthersMessages(Clients clients) {
        GatewayTestClient ada = clients.connect("/chat/lobby?name=Ada");
        GatewayTestClient bob = clients.connect("/chat/lobby?name=Bob");
        GatewayTestClient eve = clients.connect("/chat/kitchen?name=Eve");
        assertThat(ada.awaitEvent("joined", WAIT).data(String.class)).isEqualTo("Ada");
        assertThat(ada.awaitEvent("joined", WAIT).data(String.class)).isEqualTo("Bob");

        Frame ack = ada.request("send_message", Map.of("text", "hello"));

        assertThat(ack.data(MessageAck.class).status()).isEqualTo("delivered");
        ChatMessage received = bob.awaitEvent("message", WAIT).data(ChatMessage.class);
        assertThat(received.author()).isEqualTo("Ada");
        assertThat(received.text()).isEqualTo("hello");
        assertThat(received.id()).isEqualTo(ack.data(MessageAck.class).id());
        eve.awaitEvent("welcome", WAIT);
        eve.awaitEvent("joined", WAIT);
        eve.assertNoFrame(Duration.ofMillis(300)); // another room hears nothing
    }
    // end::chat[]

    @Test
    void emptyMessagesAreRefusedAndTheConnectionStays(Clients clients) {
        GatewayTestClient ada = clients.connect("/chat/lobby?name=Ada");
        Frame error = ada.request("send_message", Map.of("text", " "));
        assertThat(error.isError()).isTrue();
        assertThat(error.errorMessage()).isEqualTo("A message needs some text");
        assertThat(ada.request("send_message", Map.of("text", "now with text")).isError()).isFalse();
    }

    @Test
    void leavingIsAnnouncedToTheRoom(Clients clients) {
        GatewayTestClient ada = clients.connect("/chat/lobby?name=Ada");
        GatewayTestClient bob = clients.connect("/chat/lobby?name=Bob");
        ada.awaitEvent("joined", WAIT);
        ada.awaitEvent("joined", WAIT);
        bob.close();
        assertThat(ada.awaitEvent("left", WAIT).data(String.class)).isEqualTo("Bob");
    }
}
