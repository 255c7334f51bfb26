package org.cdigateway.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import org.cdigateway.Arguments;
import org.cdigateway.internal.json.JsonCodec;
import org.junit.jupiter.api.Test;

/**
 * A broadcast's binaries as attachments: placeholders where they were, and, written back in place, exactly the JSON
 * that JSON-B writes for the same data.
 */
class AttachmentsTest {

    private static final JsonCodec JSON = JsonCodec.createDefault();
    private static final Jsonb JSONB = JsonbBuilder.create();

    public record Item(String name, double price, byte[] thumbnail) {}

    private static String encoded(Object data, List<byte[]> attachments) {
        assertThat(Attachments.held(data)).isTrue();
        return Attachments.encode(data, JSON, attachments);
    }

    @Test
    void aByteArrayIsAPlaceholderAndWrittenBackAsJsonbWritesIt() {
        byte[] bytes = {1, -2, 127, -128, 0};
        List<byte[]> attachments = new ArrayList<>();
        String json = encoded(bytes, attachments);
        assertThat(json).isEqualTo("{\"_placeholder\":true,\"num\":0}");
        assertThat(attachments).containsExactly(bytes);
        assertThat(Attachments.inline(json, attachments)).isEqualTo(JSONB.toJson(bytes))
                .isEqualTo("[1,-2,127,-128,0]");
        assertThat(Attachments.inline(encoded(new byte[0], new ArrayList<>()), List.of(new byte[0])))
                .isEqualTo(JSONB.toJson(new byte[0]));
    }

    @Test
    void containersAreWrittenByJsonbWithPlaceholdersInTheirOrder() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "a \u2028 \"quoted\" \uD83D\uDE00 é");
        data.put("first", new byte[]{1});
        data.put("nothing", null);
        data.put("price", 1.0);
        data.put("item", new Item("x", 2.5, new byte[]{9})); // a record's byte[]: JSON-B writes it
        data.put("list", List.of("a", new byte[]{2, 3}, Map.of("deep", new byte[]{4})));
        data.put("set", new LinkedHashSet<>(List.of(7, 8)));
        data.put("text", "{\"_placeholder\":true,\"num\":0}"); // in a string: not a placeholder
        List<byte[]> attachments = new ArrayList<>();
        String json = encoded(data, attachments);
        assertThat(json).contains("\"first\":{\"_placeholder\":true,\"num\":0},\"nothing\":null,\"price\":1.0,"
                + "\"item\":{\"name\":\"x\",\"price\":2.5,\"thumbnail\":[9]},"
                + "\"list\":[\"a\",{\"_placeholder\":true,\"num\":1},{\"deep\":{\"_placeholder\":true,\"num\":2}}],"
                + "\"set\":[7,8],\"text\":\"{\\\"_placeholder\\\":true,\\\"num\\\":0}\"}");
        assertThat(attachments).hasSize(3);
        assertThat(Attachments.inline(json, attachments)).isEqualTo(JSONB.toJson(data));
    }

    @Test
    void argumentsAreWrittenAsTheCodecWritesThem() {
        Arguments args = Arguments.of("a\u2028", new byte[]{5, 6}, Map.of("k", List.of(new byte[]{7})), null);
        List<byte[]> attachments = new ArrayList<>();
        String json = encoded(args, attachments);
        assertThat(json).isEqualTo("[\"a\\u2028\",{\"_placeholder\":true,\"num\":0},"
                + "{\"k\":[{\"_placeholder\":true,\"num\":1}]},null]");
        String before = JSON.encode(Arguments.of("a\u2028", new byte[]{5, 6}, Map.of("k", List.of(new byte[]{7})),
                null));
        assertThat(Attachments.inline(json, attachments)).isEqualTo(before);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("args", Arguments.of(1, new byte[]{3}));
        List<byte[]> more = new ArrayList<>();
        assertThat(Attachments.inline(encoded(nested, more), more)).isEqualTo(JSONB.toJson(nested))
                .isEqualTo("{\"args\":{\"values\":[1,[3]]}}");
    }

    @Test
    void aByteBufferIsItsRemainingBytesWrittenAsAByteArray() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[]{0, 1, 2, 3});
        buffer.position(1);
        List<byte[]> attachments = new ArrayList<>();
        String json = encoded(Map.of("b", buffer), attachments);
        assertThat(buffer.position()).as("left as it was").isEqualTo(1);
        assertThat(attachments.get(0)).containsExactly(1, 2, 3);
        assertThat(Attachments.inline(json, attachments)).isEqualTo("{\"b\":[1,2,3]}");
    }

    @Test
    void dataWithoutBinariesIsNotHeldAndAnUnknownPlaceholderIsLeftAlone() {
        assertThat(Attachments.held(new Item("x", 1, new byte[]{1}))).isFalse();
        assertThat(Attachments.held(Map.of("a", List.of(1, "b")))).isFalse();
        assertThat(Attachments.held(Set.of(Arrays.asList(1, null)))).isFalse();
        String json = "[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0,\"x\":1}]";
        assertThat(Attachments.inline(json, List.of(new byte[]{1}))).isEqualTo(json);
        assertThat(Attachments.inline("[{\"_placeholder\":true,\"num\":0}]", List.of())).isEqualTo(
                "[{\"_placeholder\":true,\"num\":0}]");
    }
}
