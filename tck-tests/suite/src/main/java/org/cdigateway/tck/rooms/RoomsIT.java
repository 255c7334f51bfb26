package org.cdigateway.tck.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.tck.Connections;
import org.cdigateway.tck.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rooms on a server: membership, emits to rooms with exceptions, a non-gateway bean emitting, cleanup. */
@ExtendWith(ArquillianExtension.class)
class RoomsIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration QUIET = Duration.ofMillis(300);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("rooms", RoomsGateway.class, Announcer.class);
    }

    @ArquillianResource
    URL base;

    final Connections connections = new Connections();

    @AfterEach
    void close() {
        connections.close();
    }

    private GatewayTestClient connect() {
        return connections.connect(base, "rooms");
    }

    @Test
    void aRoomEmitReachesItsMembersButTheSender() {
        GatewayTestClient ada = connect();
        GatewayTestClient bob = connect();
        GatewayTestClient eve = connect();
        assertThat(ada.request("join", "it-lobby").data(List.class)).contains("it-lobby").hasSize(2);
        bob.request("join", "it-lobby");
        eve.request("join", "it-kitchen");

        assertThat(ada.request("shout", List.of("it-lobby", "hello")).data(Boolean.class)).isTrue();

        assertThat(bob.awaitEvent("shout", WAIT).data(String.class)).isEqualTo("hello");
        ada.assertNoFrame(QUIET);
        eve.assertNoFrame(QUIET);
    }

    /**
     * Every member gets every broadcast whole and in order: long ones, with characters of every UTF-8 width, among
     * short ones (on Tyrus their frames are encoded once and written to all members as the same bytes).
     */
    @Test
    void broadcastsReachEveryMemberWholeAndInOrder() {
        GatewayTestClient ada = connect();
        GatewayTestClient bob = connect();
        GatewayTestClient eve = connect();
        bob.request("join", "it-choir");
        eve.request("join", "it-choir");
        List<String> texts = new java.util.ArrayList<>();
        texts.add("€".repeat(20_000) + "é✓😀"); // 60,009 bytes of UTF-8: a 16-bit length
        for (int i = 0; i < 20; i++) {
            texts.add("n" + i + (i % 2 == 0 ? "" : " héllo 😀"));
        }
        for (String text : texts) {
            assertThat(ada.request("shout", List.of("it-choir", text)).data(Boolean.class)).isTrue();
        }
        for (GatewayTestClient member : List.of(bob, eve)) {
            for (String text : texts) {
                assertThat(member.awaitEvent("shout", WAIT).data(String.class)).isEqualTo(text);
            }
            member.assertNoFrame(QUIET);
        }
    }

    /**
     * A burst of broadcasts sent in one go reaches every member whole and in order: more frames at once than a
     * container takes in flight per client (1,024 on Undertow), so the queue hands them on as earlier ones complete.
     */
    @Test
    void aBurstOfBroadcastsReachesEveryMemberInOrder() {
        GatewayTestClient ada = connect();
        GatewayTestClient bob = connect();
        ada.request("join", "it-burst");
        bob.request("join", "it-burst");

        assertThat(ada.request("burst", List.of("it-burst", "1500")).data(Integer.class)).isEqualTo(1500);

        for (GatewayTestClient member : List.of(ada, bob)) {
            for (int i = 0; i < 1500; i++) {
                assertThat(member.awaitEvent("burst", WAIT).data(Integer.class)).as("broadcast %d", i).isEqualTo(i);
            }
            member.assertNoFrame(QUIET);
        }
    }

    /**
     * Large broadcasts sent in one go reach every member whole and in order: 640,000 characters at once, more than a
     * container holds in flight per client (256 KiB on Undertow), so frames wait for the size of those in flight too.
     */
    @Test
    void largeBroadcastsInOneGoReachEveryMemberWholeAndInOrder() {
        GatewayTestClient ada = connect();
        GatewayTestClient bob = connect();
        ada.request("join", "it-bulk");
        bob.request("join", "it-bulk");

        assertThat(ada.request("bulk", List.of("it-bulk", "40", "16000")).data(Integer.class)).isEqualTo(40);

        for (GatewayTestClient member : List.of(ada, bob)) {
            for (int i = 0; i < 40; i++) {
                String text = member.awaitEvent("bulk", WAIT).data(String.class);
                assertThat(text).as("broadcast %d", i).hasSize(16_000).startsWith(i + ":");
            }
            member.assertNoFrame(QUIET);
        }
    }

    @Test
    void aUnionReachesEachMemberOnceMinusTheExcludedRoom() {
        GatewayTestClient inBoth = connect();
        GatewayTestClient inA = connect();
        GatewayTestClient inBAndC = connect();
        inBoth.request("join", "it-a");
        inBoth.request("join", "it-b");
        inA.request("join", "it-a");
        inBAndC.request("join", "it-b");
        inBAndC.request("join", "it-c");

        inA.request("union", List.of("it-a", "it-b", "it-c"));

        assertThat(inBoth.awaitEvent("union", WAIT).data(String.class)).isEqualTo("once");
        assertThat(inA.awaitEvent("union", WAIT).data(String.class)).isEqualTo("once");
        inBoth.assertNoFrame(QUIET);
        inBAndC.assertNoFrame(QUIET);
    }

    @Test
    void aBeanThatNamesTheGatewayEmitsFromAnotherThread() {
        GatewayTestClient ada = connect();
        GatewayTestClient eve = connect();
        ada.request("join", "it-news");

        eve.request("announce", List.of("it-news", "extra"));

        assertThat(ada.awaitEvent("announcement", WAIT).data(String.class)).isEqualTo("extra");
        eve.assertNoFrame(QUIET);
    }

    @Test
    void leavingAndClosingEmptyTheRooms() {
        GatewayTestClient ada = connect();
        GatewayTestClient bob = connect();
        GatewayTestClient probe = connect();
        ada.request("join", "it-x");
        bob.request("join", "it-x");
        assertThat(probe.request("size", "it-x").data(Integer.class)).isEqualTo(2);

        assertThat(ada.request("leave", "it-x").data(List.class)).doesNotContain("it-x");
        assertThat(probe.request("size", "it-x").data(Integer.class)).isEqualTo(1);

        bob.close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int size;
        do {
            size = probe.request("size", "it-x").data(Integer.class);
        } while (size > 0 && System.nanoTime() < deadline);
        assertThat(size).isZero();
        assertThat(probe.request("rooms", null).data(List.class)).doesNotContain("it-x");
    }
}
