package org.cdigateway.tck.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.cdigateway.junit5.client.DeflateWebSocketClient;
import org.cdigateway.junit5.client.DeflateWebSocketClient.Message;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @WebSocketGateway(compression)} on the server's WebSocket container, with a client that offers
 * {@code permessage-deflate}: a gateway with {@code ON} agrees on it where the container compresses, and is served
 * uncompressed elsewhere; one with {@code OFF} never agrees on it. Either way every message arrives whole, replies and
 * broadcasts, to compressing and plain clients in one room.
 *
 * <p>
 * Whether the container compresses comes from the runner: the system property {@value #EXPECTED} is {@code true} where
 * it does (the embedded runtime; WildFly once its server-wide {@code per-message-deflate} setting is on) and
 * {@code false} where it does not (WildFly as installed, Payara 6, Open Liberty).
 */
@ExtendWith(ArquillianExtension.class)
class CompressionIT {

    /** The runner's system property: whether the container compresses a gateway with compression ON. */
    static final String EXPECTED = "cdigateway.tck.compression";

    static final Duration WAIT = Duration.ofSeconds(20);

    /** Long and repetitive, as JSON feeds are. */
    static final String QUOTES = "{\"symbol\":\"ACME\",\"bid\":101.25,\"ask\":101.5,\"venue\":\"XPAR\"},".repeat(400);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("compression", CompressedGateway.class, UncompressedGateway.class);
    }

    @ArquillianResource
    URL base;

    static boolean compresses() {
        String expected = System.getProperty(EXPECTED);
        assertThat(expected).as("the runner sets " + EXPECTED + " to true or false").isIn("true", "false");
        return Boolean.parseBoolean(expected);
    }

    static String request(String event, String data, int id) {
        return Json.createObjectBuilder().add("event", event).add("data", data).add("id", id).build().toString();
    }

    static JsonObject json(Message m) {
        return Json.createReader(new StringReader(m.text())).readObject();
    }

    @Test
    void onIsAgreedOnWhereTheContainerCompressesAndRepliesArriveWhole() throws Exception {
        boolean compresses = compresses();
        try (DeflateWebSocketClient c = DeflateWebSocketClient.connect(WebSockets.uri(base, "compressed"),
                DeflateWebSocketClient.OFFER)) {
            if (compresses) {
                assertThat(c.extensions()).startsWith("permessage-deflate");
            } else {
                assertThat(c.extensions()).isEmpty();
            }
            for (int id = 1; id <= 3; id++) {
                c.send(request("echo", QUOTES, id));
                Message reply = c.next(WAIT);
                assertThat(json(reply).getString("data")).isEqualTo(QUOTES);
                assertThat(json(reply).getInt("id")).isEqualTo(id);
                assertThat(reply.compressed()).isEqualTo(compresses);
                if (compresses) {
                    assertThat(reply.wireBytes()).isLessThan(QUOTES.length() / 10);
                }
            }
        }
    }

    @Test
    void offIsNeverAgreedOn() throws Exception {
        try (DeflateWebSocketClient c = DeflateWebSocketClient.connect(WebSockets.uri(base, "uncompressed"),
                DeflateWebSocketClient.OFFER)) {
            assertThat(c.extensions()).isEmpty();
            c.send(request("echo", QUOTES, 1));
            Message reply = c.next(WAIT);
            assertThat(reply.compressed()).isFalse();
            assertThat(json(reply).getString("data")).isEqualTo(QUOTES);
        }
    }

    @Test
    void aRoomOfCompressingAndPlainClientsGetsEveryBroadcast() throws Exception {
        boolean compresses = compresses();
        try (DeflateWebSocketClient zipped = DeflateWebSocketClient.connect(WebSockets.uri(base, "compressed"),
                DeflateWebSocketClient.OFFER);
                DeflateWebSocketClient plain = DeflateWebSocketClient.connect(WebSockets.uri(base, "compressed"),
                        null)) {
            assertThat(zipped.compressing()).isEqualTo(compresses);
            assertThat(plain.compressing()).isFalse();
            int id = 1;
            for (DeflateWebSocketClient c : List.of(zipped, plain)) {
                c.send(request("join", "hall", id++));
                assertThat(json(c.next(WAIT)).getString("data")).isEqualTo("hall");
            }
            for (String text : List.of(QUOTES, "short", "é ✓ 😀")) {
                zipped.send(request("shout", text, id++));
                for (DeflateWebSocketClient c : List.of(zipped, plain)) {
                    Message m = c.next(WAIT);
                    assertThat(json(m).getString("event")).isEqualTo("shout");
                    assertThat(json(m).getString("data")).isEqualTo(text);
                    if (text.equals(QUOTES)) {
                        assertThat(m.compressed()).isEqualTo(c.compressing());
                    }
                }
            }
        }
    }
}
