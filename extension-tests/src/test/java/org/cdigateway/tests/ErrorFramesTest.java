package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import jakarta.json.JsonObject;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.WsException;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.Connect;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bad input gets an error frame correlated by its id, the connection stays open, and other clients never
 * notice.
 */
@GatewayTest
class ErrorFramesTest {

    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration QUIET = Duration.ofMillis(300);

    public record Order(String item, int quantity) {}

    public record Problem(String reason, int retryAfter) {}

    @WebSocketGateway("/errors")
    static class ErrorGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }

        @SubscribeMessage("order")
        public String order(@MessageBody Order order) {
            return order.item() + " x" + order.quantity();
        }

        @SubscribeMessage("count")
        public int count(@MessageBody("n") int n) {
            return n;
        }

        // tag::ws-exception[]
        @SubscribeMessage("refuse")
        public String refuse(String why) {
            throw new WsException("Refused: " + why);
        }

        @SubscribeMessage("refuse-object")
        public String refuseObject() {
            throw new WsException(new Problem("busy", 30));
        }
        // end::ws-exception[]

        @SubscribeMessage("crash")
        public String crash() {
            throw new IllegalStateException("database password is hunter2");
        }
    }

    GatewayTestClient bystander;

    @BeforeEach
    void connectBystander(Clients clients) {
        bystander = clients.connect("/errors");
    }

    @AfterEach
    void bystanderNoticedNothing() {
        bystander.assertNoFrame(QUIET);
        assertThat(bystander.request("echo", "still here").data(String.class)).isEqualTo("still here");
    }

    private static void assertStillServes(GatewayTestClient client) {
        assertThat(client.isOpen()).isTrue();
        assertThat(client.request("echo", "ok").data(String.class)).isEqualTo("ok");
    }

    private static JsonObject error(Frame frame, String code) {
        assertThat(frame.isError()).as("error frame: %s", frame).isTrue();
        assertThat(frame.errorCode()).isEqualTo(code);
        JsonObject data = frame.data().asJsonObject();
        assertThat(data.getString("status")).isEqualTo("error");
        return data;
    }

    @Test
    void textThatIsNotJsonIsABadFrame(@Connect("/errors") GatewayTestClient client) {
        client.sendText("hello there");
        JsonObject data = error(client.awaitEvent("exception", WAIT), "BAD_FRAME");
        assertThat(data.getString("message")).contains("not valid JSON");
        assertStillServes(client);
    }

    @Test
    void jsonThatIsNotAnObjectIsABadFrame(@Connect("/errors") GatewayTestClient client) {
        client.sendText("[1,2,3]");
        error(client.awaitEvent("exception", WAIT), "BAD_FRAME");
        assertStillServes(client);
    }

    // tag::raw-frame[]
    @Test
    void aFrameWithoutEventIsABadFrameCorrelatedById(@Connect("/errors") GatewayTestClient client) {
        client.sendText("{\"id\":\"q7\",\"data\":1}");
        Frame frame = client.awaitEvent("exception", WAIT);
        JsonObject data = error(frame, "BAD_FRAME");
        assertThat(frame.idAsString()).isEqualTo("q7");
        assertThat(data.getString("message")).contains("no \"event\"");
        assertStillServes(client);
    }
    // end::raw-frame[]

    @Test
    void unknownEventsAreAnswered(@Connect("/errors") GatewayTestClient client) {
        Frame frame = client.request("no-such-event", 1);
        JsonObject data = error(frame, "UNKNOWN_EVENT");
        assertThat(data.getString("message")).contains("no-such-event");
        assertStillServes(client);
    }

    @Test
    void bodiesThatDoNotDecodeFailValidation(@Connect("/errors") GatewayTestClient client) {
        Frame frame = client.request("order", Map.of("item", "tea", "quantity", "many"));
        JsonObject data = error(frame, "VALIDATION_FAILED");
        assertThat(data.getJsonArray("violations")).hasSize(1);
        JsonObject violation = data.getJsonArray("violations").getJsonObject(0);
        assertThat(violation.getString("path")).isEqualTo("data");
        assertThat(violation.getString("message")).contains("Order");
        assertStillServes(client);
    }

    @Test
    void missingPrimitivePropertiesFailValidation(@Connect("/errors") GatewayTestClient client) {
        JsonObject data = error(client.request("count", Map.of("m", 1)), "VALIDATION_FAILED");
        JsonObject violation = data.getJsonArray("violations").getJsonObject(0);
        assertThat(violation.getString("path")).isEqualTo("data.n");
        assertThat(violation.getString("message")).isEqualTo("is required");
        assertThat(client.request("count", Map.of("n", 5)).data(Integer.class)).isEqualTo(5);
    }

    @Test
    void wsExceptionWithAMessage(@Connect("/errors") GatewayTestClient client) {
        Frame frame = client.request("refuse", "full");
        assertThat(frame.isError()).isTrue();
        assertThat(frame.data().asJsonObject())
                .isEqualTo(jakarta.json.Json.createObjectBuilder().add("status", "error")
                        .add("message", "Refused: full").build());
        assertStillServes(client);
    }

    @Test
    void wsExceptionWithAnObject(@Connect("/errors") GatewayTestClient client) {
        Frame frame = client.request("refuse-object", null);
        assertThat(frame.isError()).isTrue();
        assertThat(frame.data(Problem.class)).isEqualTo(new Problem("busy", 30));
        assertStillServes(client);
    }

    @Test
    void otherExceptionsRevealNothing(@Connect("/errors") GatewayTestClient client) {
        Frame frame = client.request("crash", null);
        JsonObject data = error(frame, "INTERNAL");
        assertThat(data.getString("message")).isEqualTo("Internal server error");
        assertThat(frame.raw()).doesNotContain("hunter2").doesNotContain("IllegalState");
        assertStillServes(client);
    }

    @Test
    void numericIdsAreEchoedAsNumbers(@Connect("/errors") GatewayTestClient client) {
        client.sendText("{\"event\":\"echo\",\"data\":\"n\",\"id\":42}");
        Frame frame = client.awaitEvent("echo", WAIT);
        assertThat(frame.raw()).contains("\"id\":42");
    }

    // tag::expect-close[]
    @Test
    void binaryFramesWithoutAHandlerCloseWith1003(@Connect("/errors") GatewayTestClient client) {
        client.sendBinary(new byte[]{1, 2, 3});
        client.expectClose(1003);
    }
    // end::expect-close[]
}
