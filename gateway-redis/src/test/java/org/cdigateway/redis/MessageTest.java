package org.cdigateway.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.spi.JsonProvider;

import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.ClusterAnswer;
import org.cdigateway.spi.ClusterRequest;
import org.junit.jupiter.api.Test;

/** Each kind of message between nodes is read back as it was written, and what is not one is refused. */
class MessageTest {

    static final JsonProvider JSON = JsonProvider.provider();

    private static Message roundTrip(Message m) {
        return Message.decode(JSON, Message.encode(JSON, m));
    }

    @Test
    void aBroadcastWithAttachmentsKeepsEveryPart() {
        Broadcast b = new Broadcast("/chat/{room}", Set.of("red"), Set.of("muted"), "msg", "{\"t\":\"é\\\"\"}",
                List.of(new byte[]{0, 1, -1}));
        Message.Broadcasted back = (Message.Broadcasted) roundTrip(new Message.Broadcasted("n1", 41, b));
        assertThat(back.node()).isEqualTo("n1");
        assertThat(back.seq()).isEqualTo(41);
        assertThat(back.broadcast()).usingRecursiveComparison().isEqualTo(b);
        assertThat(back.broadcast().attachments().get(0)).containsExactly(0, 1, -1);
    }

    @Test
    void aBroadcastWrittenInTwoPartsIsTheSameTextAsWrittenWhole() {
        Broadcast b = new Broadcast("/x", Set.of("a", "b"), Set.of(), "e", "[1,\"two\"]", List.of(new byte[]{7}));
        String whole = Message.encode(JSON, new Message.Broadcasted("node-1", 12345, b));
        assertThat(Message.broadcastHead(JSON, "node-1")).isEqualTo(
                "{\"v\":1,\"type\":\"broadcast\",\"node\":\"node-1\",\"seq\":");
        assertThat(Message.broadcastHead(JSON, "node-1") + 12345 + Message.broadcastTail(JSON, b)).isEqualTo(whole);
    }

    @Test
    void helloByeRequestAndAnswer() {
        assertThat(roundTrip(new Message.Hello("n1", Map.of("/a", 3L), Message.Hello.GREET)))
                .isEqualTo(new Message.Hello("n1", Map.of("/a", 3L), Message.Hello.GREET));
        assertThat(roundTrip(new Message.Bye("n2"))).isEqualTo(new Message.Bye("n2"));
        ClusterRequest r = new ClusterRequest(ClusterRequest.Kind.DISCONNECT, "/a", Set.of("r"), Set.of("x"),
                Set.of(), "", "going away", 4000);
        assertThat(roundTrip(new Message.Request("n1", 7, r))).isEqualTo(new Message.Request("n1", 7, r));
        ClusterAnswer a = new ClusterAnswer(2,
                List.of(new ClusterAnswer.Client("id1", Set.of("id1", "r"), Map.of("name", "\"ada\""))),
                List.of("1", "1"));
        assertThat(roundTrip(new Message.Answer("n3", 7, a))).isEqualTo(new Message.Answer("n3", 7, a));
    }

    @Test
    void anotherVersionIsIgnoredAndGarbageRefused() {
        assertThat(Message.decode(JSON, "{\"v\":2,\"type\":\"bye\",\"node\":\"n\"}")).isNull();
        assertThatThrownBy(() -> Message.decode(JSON, "not json")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> Message.decode(JSON, "{\"v\":1,\"type\":\"shout\",\"node\":\"n\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
