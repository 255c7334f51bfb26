package org.cdigateway.tests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.junit.jupiter.api.Test;

/**
 * Bad close codes and reasons fail at the caller before anyone is closed; an empty selection reaches no one; what a
 * client names is escaped in the log.
 */
@GatewayTest
class CloseAndSelectionTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @WebSocketGateway("/close")
    static class CloseGateway {

        @Inject
        GatewayServer server;

        @SubscribeMessage("close")
        public String close(@MessageBody int code, @ConnectedSocket GatewayClient client) {
            try {
                client.close(code, "x".repeat(124));
                return "closed";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        @SubscribeMessage("disconnect-all")
        public String disconnectAll(@MessageBody int code) {
            try {
                server.disconnect(code, "bye");
                return "disconnected";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        @SubscribeMessage("nobody")
        public String nobody() {
            server.to().emit("news", "for nobody");
            server.to(new String[0]).except("x").emit("news", "for nobody either");
            return server.to().clients().size() + " selected";
        }
    }

    @Test
    void aReasonTooLongFailsAtTheCallerAndTheConnectionStaysOpen(Clients clients) {
        GatewayTestClient client = clients.connect("/close");
        String answer = client.request("close", 4000).data(String.class);
        assertThat(answer).contains("123 bytes").contains("124");
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void aBadCodeFailsBeforeAnyoneOfASelectionIsClosed(Clients clients) {
        GatewayTestClient a = clients.connect("/close");
        GatewayTestClient b = clients.connect("/close");
        assertThat(a.request("disconnect-all", 1005).data(String.class)).contains("1005 cannot be sent");
        assertThat(a.request("disconnect-all", 999).data(String.class)).contains("999 cannot be sent");
        assertThat(b.request("nobody", null).data(String.class)).isEqualTo("0 selected");
        assertThat(a.isOpen()).isTrue();
        assertThat(b.isOpen()).isTrue();
    }

    @Test
    void anEmptySelectionReachesNoOne(Clients clients) {
        GatewayTestClient a = clients.connect("/close");
        GatewayTestClient b = clients.connect("/close");
        a.request("nobody", null);
        b.request("nobody", null); // a round trip on each after the emits
        assertThat(a.frames()).noneMatch(f -> "news".equals(f.event()));
        assertThat(b.frames()).noneMatch(f -> "news".equals(f.event()));
    }

    @Test
    void eventNamesAreEscapedInTheLog(Clients clients) {
        Logger log = Logger.getLogger(DeployedGateway.class.getName());
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {

            @Override
            public synchronized void publish(LogRecord r) {
                lines.add(r.getMessage() == null ? "" : r.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level level = log.getLevel();
        log.setLevel(Level.FINE);
        log.addHandler(capture);
        try {
            GatewayTestClient client = clients.connect("/close");
            Frame f = client.request("forged\nSEVERE: the server is on fire" + "y".repeat(500), null);
            assertThat(f.errorCode()).isEqualTo("UNKNOWN_EVENT");
        } finally {
            log.removeHandler(capture);
            log.setLevel(level);
        }
        synchronized (capture) {
            assertThat(lines).anyMatch(l -> l.contains("forged\\nSEVERE"));
            assertThat(lines).noneMatch(l -> l.contains("\n"));
            assertThat(lines).allMatch(l -> l.length() < 400);
        }
    }
}
