package org.cdigateway.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.client.SessionClient;
import org.cdigateway.internal.client.WebSocketChannel;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.junit.jupiter.api.Test;

/**
 * On the embedded runtime (Tyrus), a broadcast's frame is encoded once and the same bytes written to every member, and
 * a client's own frames are encoded by the gateway too: the frames arrive whole, in the order they were sent, and a
 * client that only receives is not taken for idle. Off by a switch, everything goes the standard way.
 */
@GatewayTest
class EncodedFramesTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @WebSocketGateway(value = "/encoded", pingInterval = 0, maxMessageSize = 1 << 20)
    static class EncodedGateway {

        @Inject
        GatewayServer server;

        @SubscribeMessage("join")
        public boolean join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
            client.join(room);
            return writesEncoded(client);
        }

        /** Whether the client's frames go straight to the embedded runtime's writer of its connection. */
        @SubscribeMessage("sink")
        public boolean sink(@ConnectedSocket GatewayClient client) {
            return ((WebSocketChannel) ((SessionClient) client).channel()).writesToFrameSink();
        }

        /** Own frames and broadcasts, interleaved: each member sees them in this order. */
        @SubscribeMessage("mix")
        public int mix(@MessageBody String text, @ConnectedSocket GatewayClient client) {
            client.emit("own", 0);
            server.to("hall").emit("shout", text);
            client.emit("own", 2);
            server.to("hall").emit("shout", text + "!");
            return 4;
        }
    }

    /** A client that only receives, with a short idle timeout. */
    @WebSocketGateway(value = "/listener", pingInterval = 0, idleTimeout = 1_000)
    static class ListenerGateway {

        @SubscribeMessage("join")
        public boolean join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
            client.join(room);
            return writesEncoded(client);
        }
    }

    static boolean writesEncoded(GatewayClient client) {
        return ((WebSocketChannel) ((SessionClient) client).channel()).writesEncodedFrames();
    }

    /** Long, with characters of every UTF-8 width, so that its frame has a 64-bit length. */
    static final String LONG_TEXT = ("héllo wörld ✓ 你好 😀 " + "x".repeat(40)).repeat(1_500);

    @Test
    void everyMemberGetsTheSameBroadcastsWholeAndInOrderAmongItsOwnFrames(Clients clients) {
        List<GatewayTestClient> members = List.of(clients.connect("/encoded"), clients.connect("/encoded"),
                clients.connect("/encoded"));
        for (GatewayTestClient m : members) {
            assertThat(m.request("join", "hall").data(Boolean.class)).as("writes encoded frames").isTrue();
            assertThat(m.request("sink", null).data(Boolean.class)).as("writes to the runtime's writer").isTrue();
        }
        GatewayTestClient sender = members.get(0);
        assertThat(LONG_TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(65_535);

        for (String text : List.of("short", "é", LONG_TEXT)) {
            sender.emit("mix", text);
            assertThat(sender.awaitFrame(WAIT).data(Integer.class)).isZero(); // own 0
            assertThat(sender.awaitFrame(WAIT).data(String.class)).isEqualTo(text);
            assertThat(sender.awaitFrame(WAIT).data(Integer.class)).isEqualTo(2); // own 2
            assertThat(sender.awaitFrame(WAIT).data(String.class)).isEqualTo(text + "!");
            assertThat(sender.awaitFrame(WAIT).data(Integer.class)).isEqualTo(4); // the reply
            for (GatewayTestClient other : members.subList(1, 3)) {
                assertThat(other.awaitEvent("shout", WAIT).data(String.class)).isEqualTo(text);
                assertThat(other.awaitEvent("shout", WAIT).data(String.class)).isEqualTo(text + "!");
            }
        }
        for (GatewayTestClient other : members.subList(1, 3)) {
            other.assertNoFrame(Duration.ofMillis(200));
        }
    }

    @Test
    void aClientThatOnlyReceivesBroadcastsIsNotTakenForIdle(Clients clients, GatewayRuntime runtime)
            throws Exception {
        GatewayTestClient listener = clients.connect("/listener");
        assertThat(listener.request("join", "radio").data(Boolean.class)).isTrue();
        GatewayServer server = runtime.server(ListenerGateway.class);
        int broadcasts = 30; // every 100 ms: three idle timeouts of 1 s
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.scheduleAtFixedRate(() -> {
                int n = sent.getAndIncrement();
                if (n < broadcasts) {
                    server.to("radio").emit("tick", n);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            for (int i = 0; i < broadcasts; i++) {
                assertThat(listener.awaitEvent("tick", WAIT).data(Integer.class)).isEqualTo(i);
            }
            assertThat(listener.isOpen()).isTrue();
        } finally {
            timer.shutdownNow();
        }
        // silent from now on: the idle timeout is still in force
        assertThat(listener.awaitClose(Duration.ofSeconds(15)).code()).isNotEqualTo(
                GatewayTestClient.ABNORMAL_CLOSURE);
    }

    @Test
    void switchedOffEveryFrameGoesTheStandardWay(Clients clients) {
        String key = "cdigateway.shared-frames";
        System.setProperty(key, "false");
        GatewayTestClient plain;
        GatewayTestClient encoded;
        try {
            plain = clients.connect("/encoded");
            assertThat(plain.request("join", "hall").data(Boolean.class)).isFalse();
        } finally {
            System.clearProperty(key);
        }
        encoded = clients.connect("/encoded");
        assertThat(encoded.request("join", "hall").data(Boolean.class)).isTrue();

        encoded.emit("mix", LONG_TEXT);
        for (GatewayTestClient c : List.of(plain, encoded)) {
            assertThat(c.awaitEvent("shout", WAIT).data(String.class)).isEqualTo(LONG_TEXT);
            assertThat(c.awaitEvent("shout", WAIT).data(String.class)).isEqualTo(LONG_TEXT + "!");
        }
    }
}
