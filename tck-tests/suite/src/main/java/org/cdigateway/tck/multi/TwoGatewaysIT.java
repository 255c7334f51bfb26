package org.cdigateway.tck.multi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayConnectException;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two gateways in one WAR: each serves its own path and events, and its server reaches only its own clients. */
@ExtendWith(ArquillianExtension.class)
class TwoGatewaysIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(300);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("two-gateways", NewsGateway.class, RoomsGateway.class);
    }

    @ArquillianResource
    URL base;

    final List<GatewayTestClient> clients = new ArrayList<>();

    private GatewayTestClient connect(String path) {
        GatewayTestClient client = WebSockets.connect(base, path);
        clients.add(client);
        return client;
    }

    @AfterEach
    void close() {
        clients.forEach(GatewayTestClient::close);
    }

    @Test
    void eachGatewayAnswersOnItsOwnPath() {
        assertThat(connect("news").request("who", null).data(String.class)).isEqualTo("news");
        assertThat(connect("rooms/acme/lobby").request("who", null).data(String.class)).isEqualTo("rooms");
    }

    @Test
    void theEventsOfOneGatewayAreUnknownOnTheOther() {
        Frame onNews = connect("news").request("where", null);
        assertThat(onNews.errorCode()).isEqualTo("UNKNOWN_EVENT");
        assertThat(onNews.errorMessage()).contains("where");
        Frame onRooms = connect("rooms/acme/lobby").request("publish", "nothing");
        assertThat(onRooms.errorCode()).isEqualTo("UNKNOWN_EVENT");
        assertThat(onRooms.errorMessage()).contains("publish");
    }

    @Test
    void eachConnectionHasItsOwnPathParameters() {
        GatewayTestClient lobby = connect("rooms/acme/lobby");
        GatewayTestClient kitchen = connect("rooms/globex/kitchen");
        assertThat(lobby.request("where", null).data(String.class)).isEqualTo("acme/lobby");
        assertThat(kitchen.request("where", null).data(String.class)).isEqualTo("globex/kitchen");
        assertThat(kitchen.request("params", null).data(Map.class))
                .isEqualTo(Map.of("org", "globex", "room", "kitchen"));
    }

    @Test
    void aServerEmitsOnlyToItsGatewaysClients() {
        GatewayTestClient reader1 = connect("news");
        GatewayTestClient reader2 = connect("news");
        GatewayTestClient guest = connect("rooms/acme/lobby");
        // a first reply proves that the server has opened each connection, not only the client
        for (GatewayTestClient c : List.of(reader1, reader2, guest)) {
            assertThat(c.request("who", null).isError()).isFalse();
        }

        assertThat(reader1.request("publish", "Gateways ship").data(Integer.class)).isEqualTo(2);
        assertThat(reader1.awaitEvent("headline", WAIT).data(String.class)).isEqualTo("Gateways ship");
        assertThat(reader2.awaitEvent("headline", WAIT).data(String.class)).isEqualTo("Gateways ship");
        guest.assertNoFrame(QUIET);

        assertThat(guest.request("announce", "Lunch").data(Integer.class)).isEqualTo(1);
        assertThat(guest.awaitEvent("announcement", WAIT).data(String.class)).isEqualTo("Lunch");
        reader1.assertNoFrame(QUIET);
        reader2.assertNoFrame(Duration.ZERO);
    }

    @Test
    void aPathNoGatewayServesRefusesTheHandshakeWith404() {
        for (String path : new String[]{"nowhere", "rooms/acme", "news/extra"}) {
            GatewayConnectException refused = catchThrowableOfType(GatewayConnectException.class,
                    () -> clients.add(WebSockets.connect(base, path)));
            assertThat(refused).as("connecting to %s", path).isNotNull();
            assertThat(refused.statusCode()).as("status for %s", path).isEqualTo(404);
        }
        // the gateways still serve
        assertThat(connect("news").request("who", null).data(String.class)).isEqualTo("news");
    }
}
