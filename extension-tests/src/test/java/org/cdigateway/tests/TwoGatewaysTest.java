package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/** Two gateways in one application: each serves its own path, and its server reaches only its own clients. */
// tag::two-gateways-test[]
@GatewayTest
class TwoGatewaysTest {

    static final Duration QUIET = Duration.ofMillis(300);

    // tag::gateways[]
    @WebSocketGateway("/news")
    static class NewsGateway {

        @SubscribeMessage("who")
        public String who() {
            return "news";
        }
    }

    @WebSocketGateway("/weather")
    static class WeatherGateway {

        @SubscribeMessage("who")
        public String who() {
            return "weather";
        }
    }
    // end::gateways[]

    @Test
    void eachGatewayAnswersOnItsOwnPath(Clients clients, GatewayRuntime runtime) {
        assertThat(runtime.gatewayPaths()).containsExactlyInAnyOrder("/news", "/weather");
        assertThat(clients.connect("/news").request("who", null).data(String.class)).isEqualTo("news");
        assertThat(clients.connect("/weather").request("who", null).data(String.class)).isEqualTo("weather");
    }

    @Test
    void aServerEmitsOnlyToItsGatewaysClients(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient reader1 = clients.connect("/news");
        GatewayTestClient reader2 = clients.connect("/news");
        GatewayTestClient other = clients.connect("/weather");
        // the server may still be opening a connection the client sees open: an answered request shows it is done
        for (GatewayTestClient client : List.of(reader1, reader2, other)) {
            client.request("who", null);
        }
        runtime.server(NewsGateway.class).emit("headline", "Gateways ship");
        assertThat(reader1.awaitEvent("headline", Duration.ofSeconds(5)).data(String.class))
                .isEqualTo("Gateways ship");
        assertThat(reader2.awaitEvent("headline", Duration.ofSeconds(5)).data(String.class))
                .isEqualTo("Gateways ship");
        other.assertNoFrame(QUIET);
    }
}
// end::two-gateways-test[]
