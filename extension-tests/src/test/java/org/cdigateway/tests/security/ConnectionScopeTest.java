package org.cdigateway.tests.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.cdigateway.ConnectionScoped;
import org.cdigateway.GatewayClient;
import org.cdigateway.OnGatewayConnection;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.junit5.Clients;
import org.cdigateway.junit5.GatewayTest;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;
import org.cdigateway.tests.Recorder;
import org.junit.jupiter.api.Test;

/** Each connection gets its own @ConnectionScoped instance, kept across its messages and destroyed when it ends. */
@GatewayTest(classes = Recorder.class)
class ConnectionScopeTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    // tag::conversation[]
    @ConnectionScoped
    public static class Conversation {

        @Inject
        Recorder recorder;

        private final String id = UUID.randomUUID().toString();
        private final List<String> said = new ArrayList<>();

        public List<String> add(String line) {
            said.add(line);
            return List.copyOf(said);
        }

        public String id() {
            return id;
        }

        @PreDestroy
        void end() {
            recorder.record("conversation:destroyed:" + id + ":" + said.size());
        }
    }

    @WebSocketGateway("/talk")
    public static class TalkGateway implements OnGatewayConnection {

        @Inject
        Conversation conversation; // <1>

        @Override
        public void handleConnection(GatewayClient client) {
            client.emit("conversation", conversation.id());
        }

        @SubscribeMessage("say")
        public List<String> say(String line) {
            return conversation.add(line);
        }
    }
    // end::conversation[]

    @Test
    void twoConnectionsHaveTheirOwnInstanceDestroyedOnClose(Clients clients, GatewayRuntime runtime) {
        Recorder recorder = runtime.select(Recorder.class);
        GatewayTestClient a = clients.connect("/talk");
        GatewayTestClient b = clients.connect("/talk");
        String idA = a.awaitEvent("conversation", WAIT).data(String.class);
        String idB = b.awaitEvent("conversation", WAIT).data(String.class);
        assertThat(idA).isNotEqualTo(idB);

        assertThat(a.request("say", "hello").data(List.class)).containsExactly("hello");
        assertThat(b.request("say", "hi").data(List.class)).containsExactly("hi");
        assertThat(a.request("say", "again").data(List.class)).containsExactly("hello", "again");

        a.close();
        recorder.await("conversation:destroyed:" + idA, 1, WAIT);
        assertThat(recorder.events()).contains("conversation:destroyed:" + idA + ":2");
        assertThat(recorder.count("conversation:destroyed:" + idB)).isZero();
        assertThat(b.request("say", "still here").data(List.class)).containsExactly("hi", "still here");

        b.abort();
        recorder.await("conversation:destroyed:" + idB + ":2", 1, WAIT);
    }
}
