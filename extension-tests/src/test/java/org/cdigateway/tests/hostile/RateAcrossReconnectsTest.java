package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/** Reconnecting does not refill a client's rate bucket: the address's next connection starts with what was left. */
@GatewayTest
class RateAcrossReconnectsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @WebSocketGateway(value = "/rated", maxMessagesPerSecond = 5)
    static class RatedGateway {

        @SubscribeMessage("echo")
        public void echo(@MessageBody String text) {}
    }

    @Test
    void aClientClosedForItsRateCannotRefillByReconnecting(Clients clients) {
        GatewayTestClient first = clients.connect("/rated");
        emitUntilClosed(first, 8);
        assertThat(first.awaitClose(WAIT).code()).isEqualTo(4429);

        GatewayTestClient again = clients.connect("/rated"); // a fresh bucket would take five at once
        emitUntilClosed(again, 5);
        assertThat(again.awaitClose(WAIT).code()).isEqualTo(4429);
    }

    private static void emitUntilClosed(GatewayTestClient client, int n) {
        for (int i = 0; i < n; i++) {
            try {
                client.emit("echo", "x");
            } catch (RuntimeException | AssertionError closedMeanwhile) {
                return;
            }
        }
    }
}
