package com.example.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

import com.example.login.LoginGateway;
import com.example.login.LoginReply;
import com.example.login.TokenGuard;
import com.example.login.TokenService;

/** The sample chat, through real sockets: sign in, join a room, talk; another room hears nothing. */
@GatewayTest(classes = {ChatGateway.class, LoginGateway.class, TokenGuard.class, TokenService.class})
class ChatGatewayTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::chat[]
    /** Signs in through the login gateway and joins a room with the token, as the page does. */
    static GatewayTestClient join(Clients clients, String name, String room) {
        LoginReply login;
        try (GatewayTestClient gate = clients.connect("/login")) {
            login = gate.request("login", Map.of("name", name)).data(LoginReply.class);
        }
        GatewayTestClient member = clients.connect("/chat/" + room,
                ClientOptions.defaults().subprotocol("bearer").subprotocol(login.token())); // <1>
        Welcome welcome = member.awaitEvent("welcome", WAIT).data(Welcome.class);
        assertThat(welcome.name()).isEqualTo(name);
        return member;
    }

    @Test
    void membersOfARoomSeeEachOthersMessages(Clients clients) {
        GatewayTestClient ada = join(clients, "Ada", "lobby");
        GatewayTestClient bob = join(clients, "Bob", "lobby");
        GatewayTestClient eve = join(clients, "Eve", "kitchen");
        assertThat(ada.awaitEvent("joined", WAIT).data(String.class)).isEqualTo("Bob"); // <2>

        Frame ack = ada.request("send_message", Map.of("text", "hello")); // <3>

        assertThat(ack.data(MessageAck.class).status()).isEqualTo("delivered");
        ChatMessage received = bob.awaitEvent("message", WAIT).data(ChatMessage.class);
        assertThat(received.author()).isEqualTo("Ada");
        assertThat(received.text()).isEqualTo("hello");
        assertThat(received.id()).isEqualTo(ack.data(MessageAck.class).id());
        eve.assertNoFrame(Duration.ofMillis(300)); // another room hears nothing
    }
    // end::chat[]

    @Test
    void theWelcomeListsWhoIsThereAndTheNewcomerIsAnnouncedToTheOthersOnly(Clients clients) {
        GatewayTestClient ada = join(clients, "Ada", "lobby");
        GatewayTestClient bob = clients.connect("/login");
        String token = bob.request("login", Map.of("name", "Bob")).data(LoginReply.class).token();
        GatewayTestClient bobInRoom = clients.connect("/chat/lobby",
                ClientOptions.defaults().subprotocol("bearer").subprotocol(token));
        assertThat(bobInRoom.awaitEvent("welcome", WAIT).data(Welcome.class).members()).isEqualTo(
                List.of("Ada", "Bob"));
        assertThat(ada.awaitEvent("joined", WAIT).data(String.class)).isEqualTo("Bob");
        bobInRoom.assertNoFrame(Duration.ofMillis(200)); // not told of itself
    }

    @Test
    void typingIsToldToTheOthers(Clients clients) {
        GatewayTestClient ada = join(clients, "Ada", "lobby");
        GatewayTestClient bob = join(clients, "Bob", "lobby");
        ada.awaitEvent("joined", WAIT);
        ada.emit("typing", true);
        Typing typing = bob.awaitEvent("typing", WAIT).data(Typing.class);
        assertThat(typing).isEqualTo(new Typing("Ada", true));
        ada.assertNoFrame(Duration.ofMillis(200));
    }

    @Test
    void withoutATokenTheRoomRefusesTheConnection(Clients clients) {
        GatewayTestClient stranger = clients.connect("/chat/lobby");
        assertThat(stranger.expectClose(4401).reason()).isEqualTo("Sign in first: this room needs a token");

        GatewayTestClient forger = clients.connect("/chat/lobby",
                ClientOptions.defaults().subprotocol("bearer").subprotocol("QWRh.9999999999.forged"));
        forger.expectClose(4401);
    }

    @Test
    void aNameIsRequiredToSignIn(Clients clients) {
        GatewayTestClient gate = clients.connect("/login");
        Frame refused = gate.request("login", Map.of("name", " "));
        assertThat(refused.isError()).isTrue();
        assertThat(refused.errorMessage()).isEqualTo("The message is not valid");
        assertThat(refused.data().asJsonObject().getJsonArray("violations").getJsonObject(0).getString("message"))
                .isEqualTo("Enter a name");
    }

    @Test
    void emptyMessagesAreRefusedAndTheConnectionStays(Clients clients) {
        GatewayTestClient ada = join(clients, "Ada", "lobby");
        Frame error = ada.request("send_message", Map.of("text", " "));
        assertThat(error.isError()).isTrue();
        assertThat(error.errorMessage()).isEqualTo("A message needs some text");
        assertThat(ada.request("send_message", Map.of("text", "now with text")).isError()).isFalse();
    }

    @Test
    void leavingIsAnnouncedToTheRoom(Clients clients) {
        GatewayTestClient ada = join(clients, "Ada", "lobby");
        GatewayTestClient bob = join(clients, "Bob", "lobby");
        ada.awaitEvent("joined", WAIT);
        bob.close();
        assertThat(ada.awaitEvent("left", WAIT).data(String.class)).isEqualTo("Bob");
    }
}
