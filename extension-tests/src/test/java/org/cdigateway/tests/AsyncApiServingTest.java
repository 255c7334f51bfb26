package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * The running application serves the AsyncAPI document of its gateways when {@code cdigateway.asyncapi.enabled} is
 * true, over plain HTTP next to the gateways.
 */
class AsyncApiServingTest {

    @WebSocketGateway("/orders")
    public static class OrdersGateway {

        @SubscribeMessage("place")
        public String place(@MessageBody String item) {
            return item;
        }
    }

    /** HTTP/1.1: offered an h2c upgrade, the embedded server answers without a Content-Type. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void notServedByDefault() throws Exception {
        try (GatewayRuntime runtime = start()) {
            assertThat(get(runtime, "/asyncapi.json").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void servedAtTheDefaultPathWhenEnabled() throws Exception {
        try (GatewayRuntime runtime = start("cdigateway.asyncapi.enabled", "true")) {
            HttpResponse<String> response = get(runtime, "/asyncapi.json");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/json"));
            JsonObject document = Json.createReader(new StringReader(response.body())).readObject();
            assertThat(document.getString("asyncapi")).isEqualTo("3.0.0");
            assertThat(document.getJsonObject("channels").getJsonObject("OrdersGateway").getString("address"))
                    .isEqualTo("/orders");
            assertThat(document.getJsonObject("operations").keySet()).contains("OrdersGateway.place");
            assertThat(get(runtime, "/asyncapi.json").body()).as("the same document each time")
                    .isEqualTo(response.body());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(runtime, "/asyncapi.json"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void servedAtAConfiguredPath() throws Exception {
        try (GatewayRuntime runtime = start("cdigateway.asyncapi.enabled", "true", "cdigateway.asyncapi.path",
                "/docs/ws-api.json", "cdigateway.asyncapi.title", "Orders")) {
            HttpResponse<String> response = get(runtime, "/docs/ws-api.json");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject document = Json.createReader(new StringReader(response.body())).readObject();
            assertThat(document.getJsonObject("info").getString("title")).isEqualTo("Orders");
            assertThat(document.getJsonObject("channels").keySet()).containsExactly("OrdersGateway");
            assertThat(get(runtime, "/asyncapi.json").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aPathThatIsNotValidFailsTheDeployment() {
        assertThatThrownBy(() -> start("cdigateway.asyncapi.enabled", "true", "cdigateway.asyncapi.path",
                "asyncapi.json").close())
                .hasStackTraceContaining("GW-0126 The AsyncAPI setting cdigateway.asyncapi.path=asyncapi.json is not"
                        + " valid: it does not start with '/'");
    }

    @Test
    void anEnabledValueThatIsNotABooleanFailsTheDeployment() {
        assertThatThrownBy(() -> start("cdigateway.asyncapi.enabled", "yes").close())
                .hasStackTraceContaining("GW-0126 The AsyncAPI setting cdigateway.asyncapi.enabled=yes is not valid");
    }

    /** A runtime serving the gateway; with system properties set while it starts, when the settings are read. */
    private static GatewayRuntime start(String... properties) {
        for (int i = 0; i < properties.length; i += 2) {
            System.setProperty(properties[i], properties[i + 1]);
        }
        try {
            return GatewayRuntime.builder().host("127.0.0.1").port(0).beanClasses(OrdersGateway.class).start();
        } finally {
            for (int i = 0; i < properties.length; i += 2) {
                System.clearProperty(properties[i]);
            }
        }
    }

    private HttpResponse<String> get(GatewayRuntime runtime, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(runtime, path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(GatewayRuntime runtime, String path) {
        return URI.create("http://127.0.0.1:" + runtime.port() + path);
    }
}
