package org.cdigateway.tck.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

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

/** Frames reach the right handler and every parameter kind is bound, in a deployed WAR. */
@ExtendWith(ArquillianExtension.class)
class DispatchIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("dispatch", DispatchGateway.class, Point.class);
    }

    @ArquillianResource
    URL base;

    GatewayTestClient client;

    @BeforeEach
    void connect() {
        client = WebSockets.connect(base, "dispatch/acme/21");
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void decodesRecordsListsMapsAndPrimitives() {
        assertThat(client.request("record", new Point(1, 2)).data(Point.class)).isEqualTo(new Point(10, 20));
        assertThat(client.request("list", List.of(new Point(1, 2), new Point(3, 4))).data(Integer.class))
                .isEqualTo(10);
        assertThat(client.request("map", Map.of("a", 2, "b", 5)).data().asJsonObject().getInt("total")).isEqualTo(7);
        assertThat(client.request("int", 41).data(Integer.class)).isEqualTo(42);
        assertThat(client.request("string", "quiet").data(String.class)).isEqualTo("QUIET");
    }

    @Test
    void passesJsonValuesAndBindsProperties() {
        JsonObject keys = client.request("json", Map.of("a", 1, "b", 2, "c", 3)).data().asJsonObject();
        assertThat(keys.getInt("keys")).isEqualTo(3);
        assertThat(client.request("property", Map.of("room", "lobby", "at", new Point(7, 8))).data(String.class))
                .isEqualTo("lobby:7");
    }

    /** A JSON-P value comes back whole: its members in order, every escape kept, a lone surrogate escaped. */
    @Test
    void echoesJsonValuesWhole() {
        String data = "{\"z\":[1,-2.5e-3,12345678901234567890,null,true,false,{}],\"a\":\"quote\\\" nl\\n \\u0001 "
                + "\\u2028 \u00e9 \\ud83d\\ude00\",\"lone\\udc00\":[\"\\ud83d\"],\"\":[[[]]]}";
        client.sendText("{\"event\":\"echo-json\",\"data\":" + data + ",\"id\":\"j\"}");
        var reply = client.awaitFrame(Duration.ofSeconds(10));
        assertThat(reply.idAsString()).isEqualTo("j");
        assertThat(reply.data()).isEqualTo(Json.createReader(new StringReader(data)).readValue());
        assertThat(client.request("echo-json", "after").data(String.class)).isEqualTo("after");
    }

    @Test
    void bindsTheClientTheSessionAndTwoPathParameters() {
        assertThat(client.request("who", null).data(Boolean.class)).isTrue();
        assertThat(client.request("where", null).data(String.class)).isEqualTo("acme/42");
    }

    @Test
    void sendsUnknownEventsToTheCatchAll() {
        var reply = client.request("no-such-event", Map.of("k", 1));
        assertThat(reply.event()).isEqualTo("no-such-event");
        assertThat(reply.data(String.class)).isEqualTo("caught {\"k\":1}");
    }

    @Test
    void routesBinaryFramesToTheBinaryHandler() {
        client.sendBinary(new byte[]{1, 2, 3});
        assertThat(client.awaitBinary(Duration.ofSeconds(10))).containsExactly(3, 2, 1);
    }
}
