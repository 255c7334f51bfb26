package org.cdigateway.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.cdigateway.SubscribeBinary;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.CloseStatus;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * Security defaults: cross-origin browser handshakes refused (1008) unless allowed, messages over the size limit
 * closed with 1009, a per-connection rate limit closed with 4429, and a setting overridden by MicroProfile Config.
 */
@GatewayTest
class SecurityLimitsTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @WebSocketGateway("/limits")
    public static class DefaultGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }

        @SubscribeBinary
        public byte[] bytes(byte[] data) {
            return data;
        }
    }

    // tag::settings[]
    @WebSocketGateway(value = "/partners", allowedOrigins = "https://partner.example", maxMessagesPerSecond = 20)
    public static class PartnerGateway {
        // end::settings[]

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }
        // tag::settings[]
    }
    // end::settings[]

    // long enough for a first request on a loaded machine, short enough to wait for
    @WebSocketGateway(value = "/idle", idleTimeout = 2000)
    public static class IdleGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }
    }

    /** src/test/resources/META-INF/microprofile-config.properties lowers its max-message-size to 1024. */
    @WebSocketGateway("/configured")
    public static class ConfiguredGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }
    }

    private static ClientOptions origin(String origin) {
        return ClientOptions.defaults().header("Origin", origin);
    }

    @Test
    void aBrowserPageOfAnotherOriginIsRefusedWith1008(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient evil = clients.connect("/limits", origin("https://evil.example"));
        assertThat(evil.expectClose(1008).reason()).isEqualTo("Origin not allowed");

        String own = "http://" + runtime.httpUri().getAuthority();
        assertThat(clients.connect("/limits", origin(own)).request("echo", "same origin").data(String.class))
                .isEqualTo("same origin");
        assertThat(clients.connect("/limits").request("echo", "no origin").data(String.class))
                .isEqualTo("no origin");
        assertThat(clients.connect("/partners", origin("https://partner.example")).request("echo", "partner")
                .data(String.class)).isEqualTo("partner");
        clients.connect("/partners", origin("https://evil.example")).expectClose(1008);
    }

    @Test
    void aMessageOverTheLimitClosesWith1009AndOthersAreServed(Clients clients) {
        GatewayTestClient bystander = clients.connect("/limits");
        GatewayTestClient client = clients.connect("/limits");
        String fits = "x".repeat(60 * 1024);
        assertThat(client.request("echo", fits).data(String.class)).hasSize(60 * 1024);

        client.emit("echo", "x".repeat(65 * 1024));
        assertThat(client.expectClose(1009).reason()).startsWith("Message too big");
        assertThat(bystander.request("echo", "still served").data(String.class)).isEqualTo("still served");

        GatewayTestClient binary = clients.connect("/limits");
        binary.sendBinary(new byte[65 * 1024]);
        binary.expectClose(1009);
    }

    /** The same rate as /partners, for the flood: a client closed for its rate leaves its address an empty bucket. */
    @WebSocketGateway(value = "/flood", maxMessagesPerSecond = 20)
    public static class FloodGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }
    }

    @Test
    void aClientOverItsRateIsClosedWith4429(Clients clients) {
        GatewayTestClient bystander = clients.connect("/flood");
        GatewayTestClient flood = clients.connect("/flood");
        // 30 messages at once: the bucket holds 20. Few enough that all are written before the server's close.
        for (int i = 0; i < 30; i++) {
            flood.emit("echo", "m" + i);
        }
        flood.expectClose(4429);
        long echoed = flood.frames().stream().filter(f -> "echo".equals(f.event())).count();
        // a burst of 20, plus what refilled meanwhile; replies still queued when the close is sent may be lost
        assertThat(echoed).isLessThan(30);
        assertThat(bystander.request("echo", "fine").data(String.class)).isEqualTo("fine");
    }

    @Test
    void microProfileConfigOverridesTheAnnotation(Clients clients, GatewayRuntime runtime) {
        GatewayTestClient client = clients.connect("/configured");
        assertThat(client.request("echo", "x".repeat(900)).data(String.class)).hasSize(900);
        client.emit("echo", "x".repeat(2000));
        client.expectClose(1009);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout(Clients clients) {
        GatewayTestClient client = clients.connect("/idle"); // and says nothing: no request that could race the timeout
        CloseStatus status = client.awaitClose(Duration.ofSeconds(10));
        assertThat(status.code()).isNotEqualTo(GatewayTestClient.ABNORMAL_CLOSURE);
        GatewayTestClient busy = clients.connect("/limits");
        assertThat(busy.request("echo", "default").data(String.class)).isEqualTo("default");
    }

    /**
     * Tyrus runs an idle check at once for each new session; one that reads the gateway's idle timeout as it is set
     * would close the session at once, unless the gateway waits for it first.
     */
    @Test
    void freshConnectionsToAGatewayWithAnIdleTimeoutAreNotClosedAtOnce(Clients clients) throws Exception {
        for (int i = 0; i < 60; i++) {
            GatewayTestClient client = clients.connect("/idle");
            assertThat(client.request("echo", "n" + i).data(String.class)).isEqualTo("n" + i);
            client.close();
        }
        for (int i = 0; i < 15; i++) { // the first connection of a new runtime too
            try (org.cdigateway.se.GatewayRuntime own = org.cdigateway.se.GatewayRuntime.builder().port(0)
                    .beanClasses(IdleGateway.class).start();
                    GatewayTestClient client = GatewayTestClient.connect(own.wsUri("/idle"))) {
                assertThat(client.request("echo", "first").data(String.class)).isEqualTo("first");
            }
        }
    }

    @Test
    void aFragmentedMessageIsAssembledAndOneThatGrowsTooBigIsClosed(Clients clients) {
        GatewayTestClient client = clients.connect("/limits");
        client.sendTextFragments("{\"event\":\"echo\",", "\"data\":\"" + "y".repeat(30_000), "y".repeat(30_000) + "\",",
                "\"id\":\"f1\"}");
        Frame echo = client.awaitEvent("echo", WAIT);
        assertThat(echo.idAsString()).isEqualTo("f1");
        assertThat(echo.data(String.class)).hasSize(60_000);

        // 40,000 characters fit; the next 40,000 of the same message take it over the limit
        GatewayTestClient second = clients.connect("/limits");
        second.sendTextFragments("{\"event\":\"echo\",\"data\":\"" + "z".repeat(40_000), "z".repeat(40_000));
        second.expectClose(1009);
    }
}
