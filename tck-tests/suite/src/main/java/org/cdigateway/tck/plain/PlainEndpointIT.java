package org.cdigateway.tck.plain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;

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

/** The extension registers its gateways without disabling the application's own {@code @ServerEndpoint}s. */
@ExtendWith(ArquillianExtension.class)
class PlainEndpointIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(300);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("plain-endpoint", PlainEchoEndpoint.class, NeighbourGateway.class);
    }

    @ArquillianResource
    URL base;

    GatewayTestClient plain;
    GatewayTestClient gateway;

    @BeforeEach
    void connect() {
        plain = WebSockets.connect(base, "plain");
        gateway = WebSockets.connect(base, "gateway");
    }

    @AfterEach
    void close() {
        plain.close();
        gateway.close();
    }

    private String echoed(String text) {
        plain.sendText(text);
        return plain.awaitFrame(WAIT).raw();
    }

    @Test
    void thePlainEndpointAndTheGatewayBothServe() {
        assertThat(echoed("hello")).isEqualTo("echo:hello");
        assertThat(gateway.request("ping", "a").data(String.class)).isEqualTo("pong:a");
        assertThat(echoed("again")).isEqualTo("echo:again");
        assertThat(gateway.request("ping", "b").data(String.class)).isEqualTo("pong:b");
        plain.assertNoFrame(QUIET);
        gateway.assertNoFrame(Duration.ZERO);
    }

    @Test
    void gatewayFramesSentToThePlainEndpointAreNotDispatched() {
        String frame = "{\"event\":\"ping\",\"id\":\"1\",\"data\":\"x\"}";
        assertThat(echoed(frame)).isEqualTo("echo:" + frame);
        assertThat(echoed("not json")).isEqualTo("echo:not json");
        plain.assertNoFrame(QUIET);
    }

    @Test
    void eachServesManyConnections() {
        try (GatewayTestClient plain2 = WebSockets.connect(base, "plain");
                GatewayTestClient gateway2 = WebSockets.connect(base, "gateway")) {
            plain2.sendText("two");
            assertThat(echoed("one")).isEqualTo("echo:one");
            assertThat(plain2.awaitFrame(WAIT).raw()).isEqualTo("echo:two");
            assertThat(gateway2.request("ping", "2").data(String.class)).isEqualTo("pong:2");
            assertThat(gateway.request("ping", "1").data(String.class)).isEqualTo("pong:1");
        }
    }
}
