package org.cdigateway.tck.replies;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a handler returns decides the reply: a value, a WsResponse, a CompletionStage, or nothing. */
@ExtendWith(ArquillianExtension.class)
class RepliesIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(300);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("replies", ReplyGateway.class, Joined.class, Gates.class);
    }

    @ArquillianResource
    URL base;

    GatewayTestClient client;

    @BeforeEach
    void connect() {
        client = WebSockets.connect(base, "replies");
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aValueIsTheReplyUnderTheSameEventAndAStringId() {
        client.sendText("{\"event\":\"value\",\"id\":\"abc\",\"data\":{\"room\":\"a\"}}");
        Frame reply = client.awaitEvent("value", WAIT);
        assertThat(reply.id()).isInstanceOf(JsonString.class);
        assertThat(reply.idAsString()).isEqualTo("abc");
        assertThat(reply.data(Joined.class)).isEqualTo(new Joined("a", 3));
    }

    @Test
    void aNumericIdIsEchoedAsANumber() {
        client.sendText("{\"event\":\"value\",\"id\":7,\"data\":{\"room\":\"n\"}}");
        Frame reply = client.awaitEvent("value", WAIT);
        assertThat(reply.id()).isInstanceOf(JsonNumber.class);
        assertThat(((JsonNumber) reply.id()).intValue()).isEqualTo(7);
        assertThat(reply.raw()).contains("\"id\":7");
        assertThat(reply.data(Joined.class)).isEqualTo(new Joined("n", 3));
    }

    @Test
    void aFrameWithoutIdGetsAReplyWithoutId() {
        client.emit("value", Map.of("room", "x"));
        Frame reply = client.awaitEvent("value", WAIT);
        assertThat(reply.id()).isEqualTo(JsonValue.NULL);
        assertThat(reply.raw()).doesNotContain("\"id\"");
        assertThat(reply.data(Joined.class)).isEqualTo(new Joined("x", 3));
    }

    @Test
    void aWsResponseChoosesTheEvent() {
        Frame reply = client.request("join", Map.of("room", "b"));
        assertThat(reply.event()).isEqualTo("joined");
        assertThat(reply.data(Joined.class)).isEqualTo(new Joined("b", 1));
        Frame quiet = client.request("join-quietly", null);
        assertThat(quiet.event()).isEqualTo("joined-quietly");
        assertThat(quiet.data()).isEqualTo(JsonValue.NULL);
    }

    @Test
    void aCompletionStageRepliesWhenItCompletesOnAnotherThread() {
        client.sendText("{\"event\":\"later\",\"data\":\"x\",\"id\":\"one\"}");
        client.sendText("{\"event\":\"later-response\",\"id\":2}");
        Frame first = client.awaitEvent("later", WAIT);
        assertThat(first.idAsString()).isEqualTo("one");
        assertThat(first.data(String.class)).isEqualTo("later:x");
        Frame second = client.awaitEvent("done", WAIT);
        assertThat(second.id()).isEqualTo(Json.createValue(2));
        assertThat(second.data(String.class)).isEqualTo("ok");
    }

    @Test
    void aPendingCompletionStageRepliesOnlyOnceCompletedAndBlocksNothing() {
        String key = UUID.randomUUID().toString();
        client.sendText("{\"event\":\"held\",\"id\":\"h1\",\"data\":" + Json.createValue(key) + "}");
        client.assertNoFrame(QUIET);
        // the connection keeps serving while the reply is pending
        assertThat(client.request("value", Map.of("room", "meanwhile")).data(Joined.class))
                .isEqualTo(new Joined("meanwhile", 3));
        try (GatewayTestClient other = WebSockets.connect(base, "replies")) {
            assertThat(other.request("release", Map.of("key", key, "value", "opened")).data(String.class))
                    .isEqualTo("released");
            other.assertNoFrame(QUIET);
        }
        Frame held = client.awaitEvent("held", WAIT);
        assertThat(held.idAsString()).isEqualTo("h1");
        assertThat(held.data(String.class)).isEqualTo("opened");
    }

    @Test
    void aFailedCompletionStageIsAnErrorFrameForItsId() {
        client.sendText("{\"event\":\"later-fails\",\"id\":\"f1\"}");
        Frame refused = client.awaitEvent("exception", WAIT);
        assertThat(refused.idAsString()).isEqualTo("f1");
        assertThat(refused.data().asJsonObject())
                .isEqualTo(Json.createObjectBuilder().add("status", "error").add("message", "too late").build());

        client.sendText("{\"event\":\"later-crashes\",\"id\":9}");
        Frame crashed = client.awaitEvent("exception", WAIT);
        assertThat(crashed.id()).isEqualTo(Json.createValue(9));
        assertThat(crashed.errorCode()).isEqualTo("INTERNAL");
        assertThat(crashed.errorMessage()).isEqualTo("Internal server error");
        assertThat(crashed.raw()).doesNotContain("secret").doesNotContain("IllegalState");

        assertThat(client.request("value", Map.of("room", "after")).data(Joined.class))
                .isEqualTo(new Joined("after", 3));
    }

    @Test
    void voidAndNullSendNothing() {
        client.sendText("{\"event\":\"nothing\",\"id\":1}");
        client.sendText("{\"event\":\"null\",\"id\":2}");
        client.assertNoFrame(QUIET);
        // both handlers ran, and the connection is alive
        assertThat(client.request("touched", null).data(String.class)).isEqualTo("true/true");
        assertThat(client.frames()).hasSize(1);
    }

    @Test
    void emitsFromAHandlerArriveInOrder() {
        client.emit("push", 300);
        for (int i = 0; i < 300; i++) {
            assertThat(client.awaitEvent("tick", WAIT).data(Integer.class)).isEqualTo(i);
        }
        client.assertNoFrame(QUIET);
    }
}
