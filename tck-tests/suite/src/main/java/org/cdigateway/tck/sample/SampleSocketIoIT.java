package org.cdigateway.tck.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

import jakarta.json.Json;
import jakarta.json.JsonArray;

import org.cdigateway.junit5.client.RawWebSocketClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample's Socket.IO chat (the namespace {@code /chat}) in the sample WAR, which has the adapter in
 * {@code WEB-INF/lib}: clients named by their connection's auth join a room and talk, each event acknowledged. Packets
 * are written by hand, as the official client sends them over WebSocket.
 */
@ExtendWith(ArquillianExtension.class)
class SampleSocketIoIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.sampleWar();
    }

    @ArquillianResource
    URL base;

    /** Connects to the namespace {@code /chat} with {@code {"name": name}} as its auth, and takes the welcome. */
    private RawWebSocketClient connect(String name) throws InterruptedException {
        RawWebSocketClient c = RawWebSocketClient.connect(
                URI.create(WebSockets.uri(base, "socket.io/") + "?EIO=4&transport=websocket"));
        assertThat(c.nextText(WAIT)).startsWith("0{");
        c.send("40/chat,{\"name\":\"" + name + "\"}");
        assertThat(next(c)).startsWith("40/chat,{\"sid\":");
        assertThat(next(c)).isEqualTo("42/chat,[\"welcome\",\"" + name + "\"]");
        return c;
    }

    /** The next packet that is not a ping (answered). */
    private static String next(RawWebSocketClient c) throws InterruptedException {
        while (true) {
            String p = c.nextText(WAIT);
            if (!p.equals("2")) {
                return p;
            }
            c.send("3");
        }
    }

    /** The arguments of a packet that starts with {@code prefix}. */
    private static JsonArray arguments(String packet, String prefix) {
        assertThat(packet).startsWith(prefix);
        return Json.createReader(new StringReader(packet.substring(prefix.length()))).readArray();
    }

    @Test
    void membersNamedByTheirAuthJoinARoomAndTalkWithAcknowledgements() throws InterruptedException {
        try (RawWebSocketClient ada = connect("Ada"); RawWebSocketClient bob = connect("Bob")) {
            ada.send("42/chat,1[\"join\",\"lobby\"]");
            assertThat(arguments(next(ada), "43/chat,1").getJsonObject(0).getJsonArray("members").toString())
                    .isEqualTo("[\"Ada\"]");
            bob.send("42/chat,1[\"join\",\"lobby\"]");
            assertThat(arguments(next(bob), "43/chat,1").getJsonObject(0).getJsonArray("members").toString())
                    .isEqualTo("[\"Ada\",\"Bob\"]");
            assertThat(next(ada)).isEqualTo("42/chat,[\"joined\",\"Bob\"]");

            ada.send("42/chat,2[\"say\",\"hello\"]");
            JsonArray message = arguments(next(bob), "42/chat,");
            assertThat(message.getString(0)).isEqualTo("message");
            assertThat(message.getJsonObject(1).getString("author")).isEqualTo("Ada");
            assertThat(message.getJsonObject(1).getString("text")).isEqualTo("hello");
            // the author hears the room's message too, and gets the acknowledgement, in either order
            String first = next(ada);
            String second = next(ada);
            String ack = first.startsWith("43") ? first : second;
            String echo = first.startsWith("43") ? second : first;
            assertThat(arguments(echo, "42/chat,").getJsonObject(1).getString("text")).isEqualTo("hello");
            assertThat(arguments(ack, "43/chat,2").getJsonObject(0).getInt("members")).isEqualTo(2);

            bob.send("42/chat,2[\"say\",\" \"]");
            assertThat(arguments(next(bob), "43/chat,2").getJsonObject(0).getString("message"))
                    .isEqualTo("A message needs some text");
        }
    }
}
