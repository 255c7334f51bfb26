package org.cdigateway.tck.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;

import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streamed replies on a server: items in order then the end, an error frame, cancel by frame and by disconnect. */
@ExtendWith(ArquillianExtension.class)
class StreamingIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("streaming", StreamingGateway.class, Counter.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void itemsArriveInOrderThenTheEnd() {
        try (GatewayTestClient client = WebSockets.connect(base, "streams")) {
            String id = client.stream("count", 500);
            for (int i = 0; i < 500; i++) {
                Frame item = client.awaitStreamFrame(id, WAIT);
                assertThat(item.event()).isEqualTo("count");
                assertThat(item.data(String.class)).isEqualTo(Integer.toString(i));
            }
            assertThat(client.awaitStreamFrame(id, WAIT).isEnd()).isTrue();
        }
    }

    @Test
    void aFailingPublisherSendsAnErrorFrameForTheId() {
        try (GatewayTestClient client = WebSockets.connect(base, "streams")) {
            String id = client.stream("fail", null);
            assertThat(client.awaitStreamFrame(id, WAIT).data(String.class)).isEqualTo("first");
            Frame error = client.awaitStreamFrame(id, WAIT);
            assertThat(error.isError()).isTrue();
            assertThat(error.errorMessage()).isEqualTo("Quota exceeded");
        }
    }

    @Test
    void aCancelFrameAndADisconnectCancelThePublisher() {
        try (GatewayTestClient probe = WebSockets.connect(base, "streams")) {
            int before = probe.request("cancellations", null).data(Integer.class);

            GatewayTestClient client = WebSockets.connect(base, "streams");
            String id = client.stream("count", Long.MAX_VALUE);
            client.awaitStreamFrame(id, WAIT);
            client.cancel("count", id);
            awaitCancellations(probe, before + 1);

            String other = client.stream("count", Long.MAX_VALUE);
            client.awaitStreamFrame(other, WAIT);
            client.abort();
            awaitCancellations(probe, before + 2);
        }
    }

    private static void awaitCancellations(GatewayTestClient probe, int expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int seen;
        do {
            seen = probe.request("cancellations", null).data(Integer.class);
        } while (seen < expected && System.nanoTime() < deadline);
        assertThat(seen).isEqualTo(expected);
    }
}
