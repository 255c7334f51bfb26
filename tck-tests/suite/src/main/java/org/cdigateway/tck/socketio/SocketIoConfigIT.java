package org.cdigateway.tck.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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
 * {@code @SocketIoConfig} in a WAR: the endpoint moves to the annotation's path, for WebSocket and for the polling
 * servlet the container maps there, with its ping interval, and polling from an origin it does not allow is refused.
 */
@ExtendWith(ArquillianExtension.class)
class SocketIoConfigIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("socketioconfig", SocketIoConfiguredGateway.class)
                .addAsLibrary(Deployments.socketIoJar());
    }

    @ArquillianResource
    URL base;

    private HttpResponse<String> get(String path, String origin) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(WAIT).GET();
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).join();
    }

    @Test
    void theEndpointIsServedAtTheAnnotationsPathWithItsPingInterval() throws InterruptedException {
        HttpResponse<String> polling = get("/live/?EIO=4&transport=polling", null);
        assertThat(polling.statusCode()).as(polling.body()).isEqualTo(200);
        assertThat(polling.body()).startsWith("0{").contains("\"pingInterval\":7000")
                .contains("\"upgrades\":[\"websocket\"]");
        assertThat(get("/socket.io/?EIO=4&transport=polling", null).statusCode()).as("not at the default path")
                .isNotEqualTo(200);
        try (RawWebSocketClient c = RawWebSocketClient
                .connect(URI.create(WebSockets.uri(base, "live/") + "?EIO=4&transport=websocket"))) {
            assertThat(c.nextText(WAIT)).startsWith("0{").contains("\"pingInterval\":7000");
            c.send("40");
            assertThat(c.nextText(WAIT)).startsWith("40{\"sid\":");
            c.send("421[\"echo\",\"configured\"]");
            assertThat(c.nextText(WAIT)).isEqualTo("431[\"configured\"]");
        }
    }

    @Test
    void pollingFromAnOriginNotAllowedIsRefusedAndAnAllowedOneGetsCors() {
        HttpResponse<String> refused = get("/live/?EIO=4&transport=polling", "https://elsewhere.example");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> allowed = get("/live/?EIO=4&transport=polling", "https://allowed.example");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://allowed.example");
    }
}
