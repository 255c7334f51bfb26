package org.cdigateway.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.cdigateway.internal.dispatch.BadFrameException;
import org.cdigateway.internal.dispatch.InboundFrame;
import org.cdigateway.internal.json.JsonCodec;
import org.cdigateway.internal.json.JsonText;
import org.junit.jupiter.api.Test;

class NativeProtocolTest {

    final NativeProtocol codec = new NativeProtocol(JsonCodec.createDefault());

    @Test
    void parsesEventDataAndId() throws Exception {
        InboundFrame f = codec.parse("{\"event\":\"join\",\"data\":{\"room\":\"a\"},\"id\":\"7\"}");
        assertThat(f.event()).isEqualTo("join");
        assertThat(f.data().asJsonObject().getString("room")).isEqualTo("a");
        assertThat(f.id()).isEqualTo(Json.createValue("7"));
        assertThat(f.hasId()).isTrue();
    }

    @Test
    void keysMayComeInAnyOrderAndUnknownKeysAreSkipped() throws Exception {
        InboundFrame f = codec.parse("{\"id\":3,\"extra\":{\"deep\":[1,{\"x\":2}]},\"data\":[1],\"event\":\"e\"}");
        assertThat(f.event()).isEqualTo("e");
        assertThat(f.id().toString()).isEqualTo("3");
        assertThat(f.data().asJsonArray()).hasSize(1);
    }

    @Test
    void missingDataAndIdAreNull() throws Exception {
        InboundFrame f = codec.parse("{\"event\":\"ping\"}");
        assertThat(f.data()).isEqualTo(JsonValue.NULL);
        assertThat(f.id()).isEqualTo(JsonValue.NULL);
        assertThat(f.hasId()).isFalse();
    }

    @Test
    void rejectsWhatIsNotAGatewayFrame() {
        assertThatThrownBy(() -> codec.parse("not json")).isInstanceOf(BadFrameException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> codec.parse("[1,2]")).isInstanceOf(BadFrameException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> codec.parse("{\"event\":1}")).isInstanceOf(BadFrameException.class)
                .hasMessageContaining("must be a string");
        assertThatThrownBy(() -> codec.parse("{\"event\":\"a\",\"id\":[1]}")).isInstanceOf(BadFrameException.class)
                .hasMessageContaining("\"id\"");
        assertThatThrownBy(() -> codec.parse("{\"event\":\"a\"} trailing")).isInstanceOf(BadFrameException.class);
        assertThatThrownBy(() -> codec.parse("")).isInstanceOf(BadFrameException.class);
    }

    @Test
    void aFrameWithoutEventKeepsItsIdForTheErrorReply() {
        assertThatThrownBy(() -> codec.parse("{\"id\":\"q\",\"data\":1}"))
                .isInstanceOfSatisfying(BadFrameException.class,
                        e -> assertThat(e.id()).isEqualTo(Json.createValue("q")));
    }

    @Test
    void writesEveryKindOfFrameWithItsEventDataAndVerbatimId() {
        String quoted = "\"say \\\"hi\\\"\"";
        assertThat(codec.reply(quoted, "\"x\"", Json.createValue(5)))
                .isEqualTo("{\"event\":\"say \\\"hi\\\"\",\"data\":\"x\",\"id\":5}");
        assertThat(codec.reply("\"e\"", "1", JsonValue.NULL)).isEqualTo("{\"event\":\"e\",\"data\":1}");
        assertThat(codec.event("\"e\"", "null")).isEqualTo("{\"event\":\"e\",\"data\":null}");
        assertThat(codec.error("{\"status\":\"error\"}", Json.createValue("r1")))
                .isEqualTo("{\"event\":\"exception\",\"data\":{\"status\":\"error\"},\"id\":\"r1\"}");
        assertThat(codec.streamItem("\"t\"", "[1]", Json.createValue(2)))
                .isEqualTo("{\"event\":\"t\",\"data\":[1],\"id\":2}");
        assertThat(codec.streamEnd("\"t\"", Json.createValue(2))).isEqualTo("{\"event\":\"t\",\"id\":2,\"end\":true}");
        assertThat(codec.streamEnd("\"t\"", JsonValue.NULL)).isEqualTo("{\"event\":\"t\",\"end\":true}");
    }

    /** Inputs a fuzzer found: each once hung the parser, passed as JSON, escaped it, or was refused wrongly. */
    @Test
    void aJsonValueReplyIsTheReplyOfItsText() {
        String quoted = "\"say \\\"hi\\\"\"";
        JsonValue data = Json.createObjectBuilder()
                .add("t", 123)
                .add("p", "a\"b\\c\n\u2028\udc00")
                .add("list", Json.createArrayBuilder().add(1.5).add(JsonValue.TRUE).addNull()
                        .add(Json.createObjectBuilder()))
                .build();
        for (JsonValue value : new JsonValue[]{data, Json.createValue("only \"text\""), Json.createValue(7),
                JsonValue.NULL, JsonValue.EMPTY_JSON_ARRAY}) {
            for (JsonValue id : new JsonValue[]{JsonValue.NULL, Json.createValue(5), Json.createValue("a\"b")}) {
                assertThat(codec.replyValue(quoted, value, id)).as("%s, id %s", value, id)
                        .isEqualTo(codec.reply(quoted, JsonText.json(value), id));
            }
        }
        assertThat(codec.replyValue("\"e\"", Json.createValue("x"), Json.createValue(5)))
                .isEqualTo("{\"event\":\"e\",\"data\":\"x\",\"id\":5}");
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void truncatedUnknownValuesEndInBadFrameInsteadOfLooping() {
        assertThatThrownBy(() -> codec.parse("{\"x\":{")).isInstanceOf(BadFrameException.class);
        assertThatThrownBy(() -> codec.parse("{\"event\":\"e\",\"x\":[1,{")).isInstanceOf(BadFrameException.class);
    }

    @Test
    void skippedValuesMustStillBeJson() {
        assertThatThrownBy(() -> codec.parse("{\"event\":\"int\",\"data\":1,\"x\":{\"b\"}}"))
                .isInstanceOf(BadFrameException.class);
    }

    @Test
    void anExponentTooBigForANumberIsABadFrame() {
        assertThatThrownBy(() -> codec.parse("{\"event\":\"e\",\"data\":1e9999999999}"))
                .isInstanceOf(BadFrameException.class);
    }

    @Test
    void aCancelThatIsNotTrueIsReadAsNoCancel() throws Exception {
        InboundFrame f = codec.parse("{\"event\":\"a\",\"cancel\":{\"x\":[1]},\"id\":1}");
        assertThat(f.cancel()).isFalse();
        assertThat(f.event()).isEqualTo("a");
    }
}
