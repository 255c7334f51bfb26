package org.cdigateway.tests.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The traffic log: a gateway's frames in and out at FINE on {@code org.cdigateway.traffic.<gateway class>}, cut and
 * escaped; nothing when the logger is not at FINE.
 */
@GatewayTest
class TrafficLogTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @WebSocketGateway("/traffic")
    public static class TrafficGateway {

        @SubscribeMessage("echo")
        public String echo(String text) {
            return text;
        }

        @SubscribeMessage("id")
        public String id(@ConnectedSocket GatewayClient client) {
            return client.id();
        }
    }

    final Logger logger = Logger.getLogger("org.cdigateway.traffic." + TrafficGateway.class.getName());
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel() == Level.FINE) {
                lines.add(r.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
        logger.setLevel(null);
    }

    @Test
    void framesInAndOutAreLoggedAtFineWithTheClientsId(Clients clients) {
        logger.setLevel(Level.FINE);
        GatewayTestClient c = clients.connect("/traffic");
        String id = c.request("id", null).data(String.class);
        c.sendText("{\"event\":\"echo\",\"data\":\"line1\\nline2\",\"id\":7}");
        c.awaitFrame(WAIT);

        awaitLine(id + " < {\"event\":\"echo\",\"data\":\"line1\\nline2\",\"id\":7}");
        awaitLine(id + " > {\"event\":\"echo\",\"data\":\"line1\\nline2\",\"id\":7}");
    }

    @Test
    void aLongFrameIsCutAndControlCharactersAreEscaped(Clients clients) {
        logger.setLevel(Level.FINE);
        GatewayTestClient c = clients.connect("/traffic");
        String id = c.request("id", null).data(String.class);
        String big = "x".repeat(2_000);
        c.sendText("{\"event\":\"echo\",\r\n\"data\":\"" + big + "\"}");

        String line = awaitLine(id + " < {\"event\":\"echo\",\\u000d\\u000a\"data\":\"xxx");
        assertThat(line).endsWith("... (" + (big.length() + 28) + " characters)").doesNotContain("\n")
                .hasSizeLessThan(600);
    }

    @Test
    void nothingIsLoggedWhenTheLoggerIsNotAtFine(Clients clients) {
        logger.setLevel(Level.INFO);
        GatewayTestClient c = clients.connect("/traffic");
        c.request("echo", "quiet");
        c.request("echo", "still quiet");
        assertThat(lines).isEmpty();
    }

    private String awaitLine(String start) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (String l : lines) {
                if (l.startsWith(start)) {
                    return l;
                }
            }
            assertThat(System.nanoTime()).as("a line starting with %s in %s", start, lines).isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L); // the server logs after the client saw the reply
        }
    }
}
