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

/** The sample application's WAR, as built, deployed as is: its page is served and two members of a room chat. */
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
    void servesThePage() throws IOException, InterruptedException {
        // HTTP/1.1: the JDK client's default h2c upgrade on a plain GET hangs on some servers
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(base.toString())).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("new WebSocket(");
    }

    // tag::chat[]
    @Test
    void twoMembersOfARoomChatAndAnotherRoomHearsNothing() {
        try (GatewayTestClient ada = WebSockets.connect(base, "chat/lobby?name=Ada");
                GatewayTestClient bob = WebSockets.connect(base, "chat/lobby?name=Bob");
                GatewayTestClient eve = WebSockets.connect(base, "chat/kitchen?name=Eve")) {
            assertThat(ada.awaitEvent("welcome", WAIT).data(String.class)).isEqualTo("Ada");
            assertThat(ada.awaitEvent("joined", WAIT).data(String.class)).isEqualTo("Ada");
            assertThat(ada.awaitEvent("joined", WAIT).data(String.class)).isEqualTo("Bob");
            eve.awaitEvent("welcome", WAIT);
            eve.awaitEvent("joined", WAIT);

            Frame ack = ada.request("send_message", Map.of("text", "hello"));
            JsonObject ackData = ack.data().asJsonObject();
            assertThat(ackData.getString("status")).isEqualTo("delivered");

            JsonObject received = bob.awaitEvent("message", WAIT).data().asJsonObject();
            assertThat(received.getString("author")).isEqualTo("Ada");
            assertThat(received.getString("text")).isEqualTo("hello");
            assertThat(received.getString("room")).isEqualTo("lobby");
            assertThat(received.getString("id")).isEqualTo(ackData.getString("id"));

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
    void refusesEmptyMessagesAndKeepsTheConnection() {
        try (GatewayTestClient ada = WebSockets.connect(base, "chat/lobby?name=Ada")) {
            Frame error = ada.request("send_message", Map.of("text", " "));
            assertThat(error.isError()).isTrue();
            assertThat(error.errorMessage()).isEqualTo("A message needs some text");
            assertThat(ada.request("send_message", Map.of("text", "now with text")).isError()).isFalse();
        }
    }
}
