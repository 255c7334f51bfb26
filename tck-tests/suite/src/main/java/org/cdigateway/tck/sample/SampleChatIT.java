package org.cdigateway.tck.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import jakarta.json.JsonObject;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample application's WAR, as built, deployed as is: its pages are served, members sign in and chat in a room,
 * and a client without a token is refused.
 */
// tag::arquillian[]
@ExtendWith(ArquillianExtension.class)
class SampleChatIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false) // <1>
    static WebArchive deployment() {
        return Deployments.sampleWar(); // <2>
    }

    @ArquillianResource
    URL base; // <3>
    // end::arquillian[]

    @Test
    void servesThePages() throws IOException, InterruptedException {
        // HTTP/1.1: the JDK client's default h2c upgrade on a plain GET hangs on some servers
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String page : new String[]{"", "chat.html", "assistant.html", "dashboard.html", "jobs.html",
                "socketio.html",
                "app.js"}) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base.toString() + page)).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(page).isEqualTo(200);
        }
    }

    /** Signs in through the sample's login gateway and joins a room with the token, as its page does. */
    private GatewayTestClient join(String name, String room) {
        String token;
        try (GatewayTestClient login = WebSockets.connect(base, "login")) {
            token = login.request("login", Map.of("name", name)).data().asJsonObject().getString("token");
        }
        GatewayTestClient member = WebSockets.connect(base, "chat/" + room,
                ClientOptions.defaults().subprotocol("bearer").subprotocol(token));
        assertThat(member.awaitEvent("welcome", WAIT).data().asJsonObject().getString("name")).isEqualTo(name);
        return member;
    }

    // tag::chat[]
    @Test
    void twoMembersOfARoomChatAndAnotherRoomHearsNothing() {
        try (GatewayTestClient ada = join("Ada", "lobby");
                GatewayTestClient bob = join("Bob", "lobby");
                GatewayTestClient eve = join("Eve", "kitchen")) {
            assertThat(ada.awaitEvent("joined", WAIT).data(String.class)).isEqualTo("Bob");

            Frame ack = ada.request("send_message", Map.of("text", "hello"));
            JsonObject ackData = ack.data().asJsonObject();
            assertThat(ackData.getString("status")).isEqualTo("delivered");

            JsonObject received = bob.awaitEvent("message", WAIT).data().asJsonObject();
            assertThat(received.getString("author")).isEqualTo("Ada");
            assertThat(received.getString("text")).isEqualTo("hello");
            assertThat(received.getString("room")).isEqualTo("lobby");
            assertThat(received.getString("id")).isEqualTo(ackData.getString("id"));

            bob.emit("typing", true);
            assertThat(ada.awaitEvent("typing", WAIT).data().asJsonObject().getString("name")).isEqualTo("Bob");
            Frame reply = bob.request("send_message", Map.of("text", "hi Ada"));
            assertThat(reply.isError()).isFalse();
            // the room hears every message, its author included
            assertThat(ada.awaitEvent("message", WAIT).data().asJsonObject().getString("author")).isEqualTo("Ada");
            assertThat(ada.awaitEvent("message", WAIT).data().asJsonObject().getString("author")).isEqualTo("Bob");

            eve.assertNoFrame(Duration.ofMillis(300));
        }
    }
    // end::chat[]

    @Test
    void aClientWithoutATokenIsRefusedWith4401() {
        try (GatewayTestClient stranger = WebSockets.connect(base, "chat/lobby")) {
            assertThat(stranger.expectClose(4401).reason()).isEqualTo("Sign in first: this room needs a token");
        }
    }

    @Test
    void refusesEmptyMessagesAndKeepsTheConnection() {
        try (GatewayTestClient ada = join("Ada", "lobby")) {
            Frame error = ada.request("send_message", Map.of("text", " "));
            assertThat(error.isError()).isTrue();
            assertThat(error.errorMessage()).isEqualTo("A message needs some text");
            assertThat(ada.request("send_message", Map.of("text", "now with text")).isError()).isFalse();
        }
    }
}
