package org.cdigateway.se;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.cdigateway.se.app.HelloGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime from the command line: gateways found by package, static files, and a clean stop. */
class GatewayRuntimeTest {

    @Test
    void servesGatewaysAndFilesFromCommandLineArguments(@TempDir Path site) throws Exception {
        Files.writeString(site.resolve("index.html"), "<h1>hi</h1>");
        HelloGateway.DISCONNECTS.clear();
        try (GatewayRuntime runtime = GatewayRuntime.fromArgs("--port", "0", "--static", site.toString(),
                HelloGateway.class.getName())) {
            assertThat(runtime.host()).isEqualTo("127.0.0.1");
            assertThat(runtime.gatewayPaths()).containsExactly("/hello");

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(runtime.httpUri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).isEqualTo("<h1>hi</h1>");

            CompletableFuture<String> reply = new CompletableFuture<>();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(runtime.wsUri("/hello"), new WebSocket.Listener() {

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    reply.complete(data.toString());
                    w.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                    closed.complete(code);
                    return null;
                }
            }).get(5, TimeUnit.SECONDS);
            ws.sendText("{\"event\":\"hello\",\"data\":\"runtime\",\"id\":1}", true).get(5, TimeUnit.SECONDS);
            assertThat(reply.get(5, TimeUnit.SECONDS))
                    .isEqualTo("{\"event\":\"hello\",\"data\":\"Hello, runtime\",\"id\":1}");

            runtime.close();
            assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
            assertThat(HelloGateway.DISCONNECTS).containsExactly(1001);
            assertThat(runtime.connectedClients()).isZero();
        }
    }

    @Test
    void explainsWrongArguments() {
        assertThatThrownBy(() -> GatewayRuntime.fromArgs("--port")).hasMessageContaining("--port needs a value")
                .hasMessageContaining("Usage:");
        assertThatThrownBy(() -> GatewayRuntime.fromArgs("--port", "x", "A")).hasMessageContaining("a number");
        assertThatThrownBy(() -> GatewayRuntime.fromArgs("com.example.Missing")).hasMessageContaining("No class");
        assertThatThrownBy(() -> GatewayRuntime.fromArgs("--port", "0")).hasMessageContaining("at least one class");
        assertThatThrownBy(() -> GatewayRuntime.fromArgs("--bogus")).hasMessageContaining("Unknown option");
    }
}
