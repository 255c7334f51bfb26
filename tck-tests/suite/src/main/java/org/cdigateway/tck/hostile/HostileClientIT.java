package org.cdigateway.tck.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.cdigateway.junit5.client.Frame;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Connections;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.cdigateway.tck.hostile.HostileGateways.BeatsGateway;
import org.cdigateway.tck.hostile.HostileGateways.DropGateway;
import org.cdigateway.tck.hostile.HostileGateways.GateGuard;
import org.cdigateway.tck.hostile.HostileGateways.GatedGateway;
import org.cdigateway.tck.hostile.HostileGateways.ProbeGateway;
import org.cdigateway.tck.hostile.HostileGateways.State;
import org.cdigateway.tck.hostile.HostileGateways.TargetGateway;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a hostile client or an unlucky network does, replayed against each runtime: reused stream ids, frames past the
 * parser's limits, rooms named after other clients' ids, handshakes stuck in an asynchronous guard, peers that stop
 * answering pings, greedy connections, slow readers under a drop policy, bad close calls, and one huge frame.
 */
@ExtendWith(ArquillianExtension.class)
class HostileClientIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("hostile", HostileGateways.class, State.class, TargetGateway.class, GateGuard.class,
                GatedGateway.class, BeatsGateway.class, DropGateway.class, ProbeGateway.class);
    }

    @ArquillianResource
    URL base;

    final Connections connections = new Connections();
    GatewayTestClient probe;

    @BeforeEach
    void reset() {
        probe = connections.connect(base, "probe");
        probe.request("reset", null);
    }

    @AfterEach
    void close() {
        probe.request("open-gate", true); // let nothing wait past the test
        connections.close();
    }

    private GatewayTestClient connect(String path) {
        return connections.connect(base, path);
    }

    @Test
    void aSecondStreamWithTheIdOfARunningOneIsRefusedAndACancelStopsTheFirst() {
        GatewayTestClient client = connect("target/lobby");
        client.sendText("{\"event\":\"ticks\",\"data\":\"a\",\"id\":\"s1\"}");
        assertThat(client.awaitStreamFrame("s1", WAIT).data(Integer.class)).isZero();
        client.sendText("{\"event\":\"ticks\",\"data\":\"b\",\"id\":\"s1\"}");
        assertThat(awaitError(client, "s1").errorCode()).isEqualTo("DUPLICATE_ID");

        client.sendText("{\"event\":\"ticks\",\"id\":\"s1\",\"cancel\":true}");
        assertNoMoreFramesFor(client, "s1");
    }

    @Test
    void moreStreamsOrPendingRepliesThanTheCapsAreRefused() {
        GatewayTestClient client = connect("target/lobby");
        for (int i = 1; i <= 4; i++) {
            client.sendText("{\"event\":\"ticks\",\"data\":\"x\",\"id\":\"s" + i + "\"}");
        }
        assertThat(awaitError(client, "s4").errorCode()).isEqualTo("LIMIT_EXCEEDED");
        for (int i = 1; i <= 3; i++) {
            client.sendText("{\"event\":\"later\",\"data\":\"x\",\"id\":\"l" + i + "\"}");
        }
        assertThat(awaitError(client, "l3").errorCode()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(probe.request("complete-later", null).data(Integer.class)).isEqualTo(2);
        assertThat(client.awaitStreamFrame("l1", WAIT).data(String.class)).isEqualTo("done");
    }

    @Test
    void everyBadFrameIsAnsweredAndTheConnectionStaysOpen() {
        GatewayTestClient client = connect("target/lobby");
        String digits = "1" + "0".repeat(2000);
        for (String event : List.of("echo", "list", "map")) {
            assertAnswered(client, "{\"event\":\"" + event + "\",\"data\":" + digits + ",\"id\":\"n" + event + "\"}");
            assertAnswered(client, "{\"event\":\"" + event + "\",\"data\":[" + digits + "],\"id\":\"a" + event
                    + "\"}");
        }
        assertAnswered(client, "{\"event\":\"echo\",\"data\":1,\"id\":" + digits + "}");
        client.sendText("{\"event\":\"echo\",\"data\":" + "[".repeat(65) + "]".repeat(65) + ",\"id\":7}");
        assertThat(client.awaitFrame(WAIT).errorCode()).isEqualTo("BAD_FRAME");
        for (int i = 0; i < 30; i++) {
            assertThat(client.request("error", "boom").errorCode()).isEqualTo("INTERNAL");
        }
        assertThat(client.request("echo", "alive").data(String.class)).isEqualTo("alive");
    }

    @Test
    void noClientReceivesWhatIsSentToAnotherClientsId() {
        GatewayTestClient victim = connect("target/lobby");
        GatewayTestClient attacker = connect("target/lobby");
        String victimId = victim.request("whoami", null).data(String.class);
        assertThat(attacker.request("join", victimId).errorCode()).isEqualTo("INTERNAL");
        GatewayTestClient byPath = connect("target/" + victimId);
        assertThat(byPath.awaitClose(WAIT).code()).isEqualTo(1011);

        attacker.request("tell", victimId);
        assertThat(victim.awaitEvent("private", WAIT).data(String.class)).isEqualTo("for " + victimId);
        attacker.request("whoami", null);
        victim.request("whoami", null);
        assertThat(attacker.frames()).noneMatch(f -> "private".equals(f.event()));
        assertThat(victim.frames()).filteredOn(f -> "private".equals(f.event())).hasSize(1); // not "for nobody"
    }

    @Test
    void handshakesWaitingForAnAsynchronousGuardDoNotStallOtherClients() {
        List<GatewayTestClient> waiting = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            GatewayTestClient c = connect("gated");
            c.sendText("{\"event\":\"echo\",\"data\":\"a\",\"id\":1}");
            c.sendText("{\"event\":\"echo\",\"data\":\"b\",\"id\":2}");
            waiting.add(c);
        }
        GatewayTestClient other = connect("target/lobby");
        assertThat(other.request("echo", "served", Duration.ofSeconds(5)).data(String.class)).isEqualTo("served");
        assertThat(probe.request("handled", null).data(Integer.class)).isZero();

        probe.request("open-gate", true);

        for (GatewayTestClient c : waiting) {
            assertThat(c.awaitFrame(WAIT).idAsString()).isEqualTo("1");
            assertThat(c.awaitFrame(WAIT).idAsString()).isEqualTo("2");
        }
        assertThat(probe.request("handled", null).data(Integer.class)).isEqualTo(80);
    }

    @Test
    void aConnectionRefusedByALateGuardRunsNoneOfItsMessages() {
        GatewayTestClient c = connect("gated");
        c.sendText("{\"event\":\"echo\",\"data\":\"a\",\"id\":1}");
        probe.request("open-gate", false);
        assertThat(c.awaitClose(WAIT).code()).isEqualTo(4403);
        assertThat(probe.request("handled", null).data(Integer.class)).isZero();
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsDisconnected() {
        GatewayTestClient alive = connect("beats");
        GatewayTestClient silent = connect("beats");
        String silentId = silent.request("whoami", null).data(String.class);
        silent.pauseReading();

        alive.awaitPings(12, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (probe.request("beating", silentId).data(Boolean.class) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000); // polling the server's view
        }
        assertThat(probe.request("beating", silentId).data(Boolean.class)).isFalse();
        assertThat(alive.request("whoami", null).data(String.class)).isNotBlank();
    }

    @Test
    void aDropPolicyPullsAStreamNoFasterThanTheClientReads() {
        GatewayTestClient client = connect("drop");
        client.pauseReading();
        client.stream("big", 200_000);
        long previous = -1;
        long current = probe.request("requested", null).data(Long.class);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (current != previous && System.nanoTime() < deadline) {
            previous = current;
            LockSupport.parkNanos(500_000_000); // until demand stops growing
            current = probe.request("requested", null).data(Long.class);
        }
        assertThat(current).isLessThan(20_000);
        client.abort();
    }

    /**
     * What a client that does not read may hold is bounded beside its buffer too: 40 MB of frames at once, to a buffer
     * of 4 frames that drops the newest, are mostly dropped. The socket buffers take some (a few MB), the container
     * what is in flight (on Undertow at most 256 KiB of them); were the frames in flight bounded by count alone (1,024),
     * all 400 would be handed to the container and none dropped.
     */
    @Test
    void aClientThatDoesNotReadHoldsLittleBesidesItsBuffer() {
        GatewayTestClient client = connect("drop");
        client.pauseReading();
        client.emit("flood", List.of(400, 100_000));
        long dropped = -1;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (dropped == -1 && System.nanoTime() < deadline) {
            dropped = probe.request("dropped", null).data(Long.class);
        }
        assertThat(dropped).as("frames dropped of 400").isBetween(200L, 400L);
        client.abort();
    }

    @Test
    void badCloseCallsFailAtTheCallerAndTheConnectionStaysOpen() {
        GatewayTestClient client = connect("target/lobby");
        assertThat(client.request("close", 4000).data(String.class)).contains("123 bytes");
        assertThat(client.request("close", 1005).data(String.class)).contains("cannot be sent");
        assertThat(client.request("echo", "open").data(String.class)).isEqualTo("open");
    }

    @Test
    void connectionsBeyondTheCapOfOneAddressAreClosedWith1013() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (probe.request("target-clients", null).data(Integer.class) > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000_000); // until the earlier tests' connections are gone on the server too
        }
        List<GatewayTestClient> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(connect("target/crowd"));
        }
        for (GatewayTestClient c : twenty) {
            assertThat(c.request("echo", "in").data(String.class)).isEqualTo("in");
        }
        GatewayTestClient more = connect("target/crowd");
        assertThat(more.awaitClose(WAIT).code()).isEqualTo(1013);
        assertThat(twenty.get(19).request("echo", "ok").data(String.class)).isEqualTo("ok");
    }

    /**
     * One unfragmented frame of 4 MiB, far over the gateway's 64 KiB: the server refuses it (a close frame, or the
     * connection dropped) and keeps serving. What each server answers is written in docs/reference/limits.adoc.
     */
    @Test
    void oneHugeFrameIsRefusedAndTheServerKeepsServing() throws IOException {
        URI uri = WebSockets.uri(base, "target/lobby");
        int code;
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(readHead(in)).startsWith("HTTP/1.1 101");
            long length = 4L * 1024 * 1024;
            out.write(new byte[]{(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, (byte) (length >>> 24),
                    (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, 1, 2, 3, 4});
            byte[] chunk = new byte[64 * 1024];
            try {
                for (long sent = 0; sent < length; sent += chunk.length) {
                    out.write(chunk);
                }
                out.flush();
            } catch (IOException refusedMidway) {
                // the server closed while the frame was on its way
            }
            code = closeCode(in);
        }
        System.out.println("HostileClientIT: a 4 MiB frame was answered with " + (code < 0
                ? "a dropped connection"
                : "close " + code));
        assertThat(code).isIn(-1, 1009, 1011);
        assertThat(connect("target/lobby").request("echo", "alive").data(String.class)).isEqualTo("alive");
    }

    /** The code of the server's close frame, skipping other frames; -1 when the connection ended without one. */
    private static int closeCode(DataInputStream in) throws IOException {
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int len = in.readUnsignedByte() & 0x7F;
                long n = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
                if ((first & 0x0F) == 0x8) {
                    return n >= 2 ? in.readUnsignedShort() : 1005;
                }
                in.skipNBytes(n);
            }
        } catch (EOFException | SocketException e) {
            return -1;
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith("\r\n\r\n")) {
            sb.append((char) in.readUnsignedByte());
        }
        return sb.toString();
    }

    private static void assertAnswered(GatewayTestClient client, String frame) {
        client.sendText(frame);
        Frame answer = client.awaitFrame(WAIT);
        if (answer.isError()) {
            assertThat(answer.errorCode()).as(answer.raw()).isIn("BAD_FRAME", "VALIDATION_FAILED");
        }
    }

    private static Frame awaitError(GatewayTestClient client, String id) {
        while (true) {
            Frame f = client.awaitStreamFrame(id, WAIT);
            if (f.isError()) {
                return f;
            }
        }
    }

    private static void assertNoMoreFramesFor(GatewayTestClient client, String id) {
        client.request("whoami", null);
        long seen = client.frames().stream().filter(f -> id.equals(f.idAsString())).count();
        long deadline = System.nanoTime() + Duration.ofMillis(300).toNanos();
        while (System.nanoTime() < deadline) {
            client.request("whoami", null);
        }
        assertThat(client.frames().stream().filter(f -> id.equals(f.idAsString())).count()).isEqualTo(seen);
    }
}
