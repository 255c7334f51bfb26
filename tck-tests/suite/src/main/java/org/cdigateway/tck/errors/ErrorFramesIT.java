package org.cdigateway.tck.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
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

/**
 * Every bad input gets the error frame of the wire protocol, correlated by its id; the connection stays open and
 * serves the next request, and another connected client receives nothing.
 */
@ExtendWith(ArquillianExtension.class)
class ErrorFramesIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(300);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("error-frames", ErrorGateway.class, Order.class, Problem.class);
    }

    @ArquillianResource
    URL base;

    GatewayTestClient client;
    GatewayTestClient bystander;

    @BeforeEach
    void connect() {
        bystander = WebSockets.connect(base, "errors");
        client = WebSockets.connect(base, "errors");
    }

    @AfterEach
    void bystanderNoticedNothing() {
        try {
            bystander.assertNoFrame(QUIET);
            assertThat(bystander.request("echo", "still here").data(String.class)).isEqualTo("still here");
        } finally {
            client.close();
            bystander.close();
        }
    }

    private void assertStillServes() {
        assertThat(client.isOpen()).as("connection open after the error").isTrue();
        assertThat(client.request("echo", "ok").data(String.class)).isEqualTo("ok");
    }

    /** Checks the error envelope and returns its data. */
    private static JsonObject error(Frame frame, String code) {
        assertThat(frame.event()).as("event of %s", frame).isEqualTo("exception");
        JsonObject data = frame.data().asJsonObject();
        assertThat(data.getString("status")).isEqualTo("error");
        assertThat(data.getString("code")).isEqualTo(code);
        assertThat(data.getString("message")).isNotBlank();
        return data;
    }

    private Frame awaitError() {
        return client.awaitEvent("exception", WAIT);
    }

    @Test
    void textThatIsNotJsonIsABadFrame() {
        client.sendText("hello there");
        Frame frame = awaitError();
        JsonObject data = error(frame, "BAD_FRAME");
        assertThat(data.getString("message")).contains("not valid JSON");
        assertThat(frame.id()).isEqualTo(JsonValue.NULL);
        assertStillServes();
    }

    @Test
    void jsonThatIsNotAnObjectIsABadFrame() {
        client.sendText("[1,2,3]");
        assertThat(error(awaitError(), "BAD_FRAME").getString("message")).contains("JSON object");
        // top-level scalars: older JSON-P parsers reject them as invalid JSON, newer ones parse them
        for (String scalar : new String[]{"\"echo\"", "42", "null", "true"}) {
            client.sendText(scalar);
            assertThat(error(awaitError(), "BAD_FRAME").getString("message")).as("answer to %s", scalar)
                    .contains("JSON");
        }
        assertStillServes();
    }

    @Test
    void aFrameWithoutEventIsABadFrameCorrelatedByItsId() {
        client.sendText("{\"id\":\"q7\",\"data\":1}");
        Frame frame = awaitError();
        JsonObject data = error(frame, "BAD_FRAME");
        assertThat(frame.idAsString()).isEqualTo("q7");
        assertThat(data.getString("message")).contains("no \"event\"");
        assertStillServes();
    }

    @Test
    void aFrameWhoseEventIsNotAStringIsABadFrame() {
        client.sendText("{\"event\":7,\"id\":8,\"data\":null}");
        Frame frame = awaitError();
        error(frame, "BAD_FRAME");
        assertThat(frame.id()).isInstanceOf(JsonNumber.class);
        assertThat(frame.raw()).contains("\"id\":8");
        assertStillServes();
    }

    @Test
    void anUnknownEventIsAnsweredWithItsId() {
        client.sendText("{\"event\":\"no-such-event\",\"id\":\"u1\",\"data\":1}");
        Frame frame = awaitError();
        JsonObject data = error(frame, "UNKNOWN_EVENT");
        assertThat(frame.idAsString()).isEqualTo("u1");
        assertThat(data.getString("message")).contains("no-such-event");
        assertStillServes();
    }

    @Test
    void anUnknownEventWithANumericIdEchoesTheNumber() {
        client.sendText("{\"event\":\"nope\",\"id\":42}");
        Frame frame = awaitError();
        error(frame, "UNKNOWN_EVENT");
        assertThat(frame.id()).isInstanceOf(JsonNumber.class);
        assertThat(((JsonNumber) frame.id()).intValue()).isEqualTo(42);
        assertStillServes();
    }

    @Test
    void aBodyThatDoesNotDecodeFailsValidation() {
        Frame frame = client.request("order", Map.of("item", "tea", "quantity", "many"));
        JsonObject data = error(frame, "VALIDATION_FAILED");
        assertThat(data.getJsonArray("violations")).hasSize(1);
        JsonObject violation = data.getJsonArray("violations").getJsonObject(0);
        assertThat(violation.getString("path")).isEqualTo("data");
        assertThat(violation.getString("message")).contains("Order");
        assertStillServes();
        assertThat(client.request("order", Map.of("item", "tea", "quantity", 2)).data(String.class))
                .isEqualTo("tea x2");
    }

    @Test
    void aMissingPrimitivePropertyFailsValidation() {
        Frame frame = client.request("count", Map.of("m", 1));
        JsonObject violation = error(frame, "VALIDATION_FAILED").getJsonArray("violations").getJsonObject(0);
        assertThat(violation.getString("path")).isEqualTo("data.n");
        assertThat(violation.getString("message")).isEqualTo("is required");
        assertThat(client.request("count", Map.of("n", 5)).data(Integer.class)).isEqualTo(5);
    }

    @Test
    void aWsExceptionWithAMessageIsSentAsTheMessage() {
        client.sendText("{\"event\":\"refuse\",\"id\":\"r1\",\"data\":\"full\"}");
        Frame frame = awaitError();
        assertThat(frame.idAsString()).isEqualTo("r1");
        assertThat(frame.data().asJsonObject())
                .isEqualTo(Json.createObjectBuilder().add("status", "error").add("message", "Refused: full").build());
        assertStillServes();
    }

    @Test
    void aWsExceptionWithAnObjectIsSentAsTheData() {
        client.sendText("{\"event\":\"refuse-object\",\"id\":5}");
        Frame frame = awaitError();
        assertThat(frame.raw()).contains("\"id\":5");
        assertThat(frame.data(Problem.class)).isEqualTo(new Problem("busy", 30));
        assertThat(frame.data().asJsonObject().keySet()).containsExactlyInAnyOrder("reason", "retryAfter");
        assertStillServes();
    }

    @Test
    void anyOtherExceptionIsInternalAndRevealsNothing() {
        client.sendText("{\"event\":\"crash\",\"id\":\"c1\"}");
        Frame frame = awaitError();
        JsonObject data = error(frame, "INTERNAL");
        assertThat(frame.idAsString()).isEqualTo("c1");
        assertThat(data.getString("message")).isEqualTo("Internal server error");
        assertThat(data.keySet()).containsExactlyInAnyOrder("status", "code", "message");
        assertThat(frame.raw()).doesNotContain("hunter2").doesNotContain("IllegalState").doesNotContain("ErrorGateway");
        assertStillServes();
    }

    @Test
    void errorsAreAnsweredInTurnAndTheConnectionKeepsServing() {
        client.sendText("not json");
        client.sendText("{\"event\":\"nope\",\"id\":\"a\"}");
        client.sendText("{\"event\":\"crash\",\"id\":\"b\"}");
        client.sendText("{\"event\":\"echo\",\"id\":\"c\",\"data\":\"fine\"}");
        assertThat(error(awaitError(), "BAD_FRAME")).isNotNull();
        Frame unknown = awaitError();
        assertThat(unknown.idAsString()).isEqualTo("a");
        error(unknown, "UNKNOWN_EVENT");
        Frame crash = awaitError();
        assertThat(crash.idAsString()).isEqualTo("b");
        error(crash, "INTERNAL");
        Frame echo = client.awaitEvent("echo", WAIT);
        assertThat(echo.idAsString()).isEqualTo("c");
        assertThat(echo.data(String.class)).isEqualTo("fine");
        assertStillServes();
    }

    @Test
    void aBinaryFrameWithoutABinaryHandlerClosesWith1003() {
        client.sendBinary(new byte[]{1, 2, 3});
        assertThat(client.expectClose(1003).code()).isEqualTo(1003);
        assertThat(client.frames()).isEmpty();
    }
}
