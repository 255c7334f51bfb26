package org.cdigateway.tck.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.cdigateway.junit5.client.Frame;
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

/**
 * Connection churn leaves no client behind on the server, and concurrent clients only ever get their own replies. The
 * server's state is reported by a probe gateway on another path.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectionChurnIT {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("connection-churn", ScaleGateway.class, ScaleProbeGateway.class, ScaleCounters.class,
                Stats.class);
    }

    @ArquillianResource
    URL base;

    GatewayTestClient probe;

    @BeforeEach
    void connectProbe() {
        probe = WebSockets.connect(base, "scale-probe");
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    private Stats stats() {
        Frame reply = probe.request("stats", null);
        assertThat(reply.isError()).as("probe reply %s", reply).isFalse();
        return reply.data(Stats.class);
    }

    /** Asks the probe again and again, within {@link #WAIT}, until the stats match. */
    private Stats awaitStats(Predicate<Stats> done, String expected) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Stats stats;
        do {
            stats = stats();
            if (done.test(stats)) {
                return stats;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("expected " + expected + " within " + WAIT.toSeconds() + " s, the probe reports "
                + stats);
    }

    /** Waits until every connection the gateway saw has ended. */
    private Stats awaitAllDisconnected() {
        return awaitStats(s -> s.connected() == 0 && s.disconnects() == s.connects(), "no client left");
    }

    @Test
    void threeHundredConnectRequestCloseCyclesLeaveNoClientBehind() {
        Stats before = awaitAllDisconnected();
        int cycles = 300;
        for (int i = 0; i < cycles; i++) {
            GatewayTestClient client = WebSockets.connect(base, "scale");
            try {
                assertThat(client.request("echo", "cycle " + i).data(String.class)).isEqualTo("cycle " + i);
            } finally {
                client.close();
            }
        }
        Stats after = awaitAllDisconnected();
        assertThat(after.connects() - before.connects()).isEqualTo(cycles);
        assertThat(after.disconnects() - before.disconnects()).isEqualTo(cycles);
        assertThat(after.connected()).isZero();
        assertThat(after.listed()).isZero();
    }

    @Test
    void twentyConcurrentClientsGetOnlyTheirOwnReplies() throws Exception {
        Stats before = awaitAllDisconnected();
        int clientCount = 20;
        int messages = 50;
        List<GatewayTestClient> clients = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clientCount);
        try {
            for (int c = 0; c < clientCount; c++) {
                clients.add(WebSockets.connect(base, "scale"));
            }
            // the server may still be opening the last connection when the client sees it open
            awaitStats(s -> s.connected() == clientCount, clientCount + " clients connected");
            List<Future<Void>> done = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                GatewayTestClient client = clients.get(c);
                String prefix = "client-" + c + "-";
                done.add(pool.submit((Callable<Void>) () -> {
                    // all frames first, then the replies: many frames of all clients in flight at once
                    for (int m = 0; m < messages; m++) {
                        client.sendText("{\"event\":\"echo\",\"id\":\"" + prefix + m + "\",\"data\":\"" + prefix + m
                                + "\"}");
                    }
                    for (int m = 0; m < messages; m++) {
                        Frame reply = client.awaitEvent("echo", WAIT);
                        assertThat(reply.idAsString()).isEqualTo(prefix + m);
                        assertThat(reply.data(String.class)).isEqualTo(prefix + m);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (int c = 0; c < clientCount; c++) {
                String prefix = "client-" + c + "-";
                List<Frame> frames = clients.get(c).frames();
                assertThat(frames).hasSize(messages);
                assertThat(frames).allSatisfy(f -> assertThat(f.data(String.class)).startsWith(prefix));
            }
        } finally {
            pool.shutdownNow();
            clients.forEach(GatewayTestClient::close);
        }
        Stats after = awaitAllDisconnected();
        assertThat(after.connects() - before.connects()).isEqualTo(clientCount);
        assertThat(after.listed()).isZero();
    }
}
