package org.cdigateway.tck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.redis.RedisBroadcaster;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.tck.Deployments;
import org.cdigateway.tck.WebSockets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes of one application share rooms through a real Redis: the server, with {@code gateway-redis} and its
 * libraries in the WAR's {@code WEB-INF/lib} and {@code cdigateway.redis.uri} in its
 * {@code microprofile-config.properties}, and an embedded runtime in the test's JVM serving the same gateway. What a
 * client of either node emits reaches the clients of the other, which apply the emit's rooms, exclusions and client
 * ids to their own clients.
 */
@ExtendWith({RedisForDeployment.class, ArquillianExtension.class})
class RoomsAcrossNodesIT {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String URI_KEY = "cdigateway.redis.uri";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("shared", SharedRoomGateway.class).addAsLibraries(Deployments.redisLibraries())
                .addAsResource(new StringAsset(URI_KEY + "=" + RedisForDeployment.uri() + "\n"),
                        "META-INF/microprofile-config.properties");
    }

    static GatewayRuntime embedded;

    @BeforeAll
    static void startTheEmbeddedNode() throws Exception {
        String previous = System.setProperty(URI_KEY, RedisForDeployment.uri());
        try {
            embedded = GatewayRuntime.builder().port(0).beanClasses(RedisBroadcaster.class, SharedRoomGateway.class)
                    .start();
        } finally {
            if (previous == null) {
                System.clearProperty(URI_KEY);
            } else {
                System.setProperty(URI_KEY, previous);
            }
        }
        embedded.select(RedisBroadcaster.class).ready().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopTheEmbeddedNode() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @ArquillianResource
    URL base;

    final List<GatewayTestClient> clients = new ArrayList<>();

    @BeforeEach
    void theServersNodeIsSubscribed() {
        GatewayTestClient probe = connect(WebSockets.uri(base, "shared"));
        String node = probe.request("ready", null, WAIT).data(String.class);
        assertThat(node).as("the node id of the server's broadcaster").isNotEqualTo("local")
                .isNotEqualTo(embedded.select(RedisBroadcaster.class).nodeId());
    }

    @AfterEach
    void close() {
        clients.forEach(GatewayTestClient::close);
        clients.clear();
    }

    private GatewayTestClient connect(URI uri) {
        GatewayTestClient c = GatewayTestClient.connect(uri);
        clients.add(c);
        return c;
    }

    /** A client of the server's node in these rooms. */
    private GatewayTestClient onServer(String... rooms) {
        return member(connect(WebSockets.uri(base, "shared")), rooms);
    }

    /** A client of the embedded node in these rooms. */
    private GatewayTestClient onEmbedded(String... rooms) {
        return member(connect(embedded.wsUri("/shared")), rooms);
    }

    private static GatewayTestClient member(GatewayTestClient client, String... rooms) {
        client.request("join", List.of(rooms));
        return client;
    }

    private static String idOf(GatewayTestClient client) {
        return client.request("join", List.of()).data(String.class);
    }

    /** The broadcasts a client received, {@code "event data"}, in order (the replies to its requests carry an id). */
    private static List<String> broadcasts(GatewayTestClient client) {
        return client.frames().stream().filter(f -> f.idAsString() == null)
                .map(f -> f.event() + " " + f.data(String.class)).toList();
    }

    private static void done(GatewayTestClient... members) {
        for (GatewayTestClient m : members) {
            assertThat(m.awaitEvent("end", WAIT).data(String.class)).isEqualTo("done");
        }
    }

    @Test
    void aShoutOnEitherNodeReachesTheRoomOnTheOtherButNotTheSender() {
        GatewayTestClient ada = onServer("red");
        GatewayTestClient bob = onEmbedded("red");
        GatewayTestClient eve = onEmbedded("blue");

        assertThat(ada.request("shout", List.of("red", "from the server")).data(Boolean.class)).isTrue();
        assertThat(bob.awaitEvent("shout", WAIT).data(String.class)).isEqualTo("from the server");

        assertThat(bob.request("shout", List.of("red", "from the embedded node")).data(Boolean.class)).isTrue();
        assertThat(ada.awaitEvent("shout", WAIT).data(String.class)).isEqualTo("from the embedded node");

        // to every client of both nodes, published after the shouts: on each node it comes after them
        ada.request("end", "done");
        done(ada, bob, eve);

        assertThat(broadcasts(ada)).containsExactly("shout from the embedded node", "end done");
        assertThat(broadcasts(bob)).containsExactly("shout from the server", "end done");
        assertThat(broadcasts(eve)).containsExactly("end done");
    }

    @Test
    void roomsAndClientIdsLeftOutOnOneNodeAreLeftOutOnTheOther() {
        GatewayTestClient ada = onServer("red");
        GatewayTestClient bob = onEmbedded("red", "muted");
        GatewayTestClient carl = onEmbedded("red");
        GatewayTestClient dan = onEmbedded("red");
        String adaId = idOf(ada);
        String danId = idOf(dan);

        ada.request("aside", List.of("red", "muted", "not for the muted"));
        ada.request("aside", List.of("red", danId, "not for dan"));
        carl.request("shout", List.of(adaId, "for ada only"));
        assertThat(ada.awaitEvent("shout", WAIT).data(String.class)).isEqualTo("for ada only");
        ada.request("end", "done");
        done(ada, bob, carl, dan);

        assertThat(broadcasts(ada)).containsExactly("aside not for the muted", "aside not for dan",
                "shout for ada only", "end done");
        assertThat(broadcasts(bob)).containsExactly("aside not for dan", "end done");
        assertThat(broadcasts(carl)).containsExactly("aside not for the muted", "aside not for dan", "end done");
        assertThat(broadcasts(dan)).containsExactly("aside not for the muted", "end done");
    }
}
