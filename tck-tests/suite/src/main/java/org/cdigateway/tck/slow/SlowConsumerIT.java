package org.cdigateway.tck.slow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On every runtime, a client that stops reading is closed with 1013 once its buffer is full, and the others keep
 * receiving: the container's asynchronous sends complete only when written, so the gateway's bound holds there too.
 */
@ExtendWith(ArquillianExtension.class)
class SlowConsumerIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final int FRAMES = 4000; // 16 MB: more than the socket buffers of a connection take

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("slow", FeedGateway.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void aClientThatStopsReadingIsClosedWith1013AndTheOthersKeepReceiving() {
        try (GatewayTestClient slow = WebSockets.connect(base, "feed");
                GatewayTestClient other = WebSockets.connect(base, "feed");
                GatewayTestClient driver = WebSockets.connect(base, "feed")) {
            String slowId = slow.request("subscribe", null).data(String.class);
            other.request("subscribe", null);
            slow.pauseReading();

            int ticks = driver.request("firehose", List.of(slowId, Integer.toString(FRAMES)), WAIT)
                    .data(Integer.class);

            long deadline = System.nanoTime() + WAIT.toNanos();
            int code;
            do {
                code = driver.request("closed", slowId).data(Integer.class);
            } while (code == -1 && System.nanoTime() < deadline);
            assertThat(code).as("close code of the slow client").isEqualTo(1013);
            for (int i = 0; i < ticks; i++) {
                assertThat(other.awaitEvent("tick", WAIT).data(Integer.class)).isEqualTo(i);
            }
            // the close frame waits behind what the sockets hold (Payara even gives up writing it): drop the
            // connection so that the server's pending write ends now
            slow.abort();
        }
    }
}
