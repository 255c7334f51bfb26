package org.cdigateway.se.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import jakarta.websocket.Extension;

import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;
import org.junit.jupiter.api.Test;

/** The embedded runtime's permessage-deflate, frame by frame, against java.util.zip on the other side. */
class TyrusDeflateTest {

    static final byte TEXT = 1, BINARY = 2, CONTINUATION = 0;

    static final class Context implements ExtendedExtension.ExtensionContext {

        final Map<String, Object> properties = new HashMap<>();

        @Override
        public Map<String, Object> getProperties() {
            return properties;
        }
    }

    static Frame frame(byte opcode, boolean fin, boolean rsv1, byte[] payload) {
        return Frame.builder().opcode(opcode).fin(fin).rsv1(rsv1).payloadData(payload).build();
    }

    static byte[] deflate(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        byte[] all = out.toByteArray();
        return java.util.Arrays.copyOf(all, Math.max(0, all.length - 4)); // without the flush's 00 00 FF FF
    }

    static byte[] inflate(Inflater inflater, byte[] data) throws Exception {
        inflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (true) {
            int n = inflater.inflate(chunk);
            out.write(chunk, 0, n);
            if (n == 0) {
                inflater.setInput(new byte[]{0, 0, (byte) 0xFF, (byte) 0xFF});
                while ((n = inflater.inflate(chunk)) > 0) {
                    out.write(chunk, 0, n);
                }
                return out.toByteArray();
            }
        }
    }

    @Test
    void messagesGoOutCompressedWithRsv1OnTheirFirstFrameOnlyAndInflateOnTheOtherSide() throws Exception {
        TyrusDeflate deflate = new TyrusDeflate(64 * 1024);
        Context context = new Context();
        assertThat(deflate.onExtensionNegotiation(context, List.of())).isEmpty();
        Inflater peer = new Inflater(true);
        String json = "{\"event\":\"price\",\"data\":{\"symbol\":\"ACME\",\"bid\":101.25,\"ask\":101.5}}";
        long[] sizes = new long[3];
        for (int i = 0; i < 3; i++) {
            Frame out = deflate.processOutgoing(context,
                    frame(TEXT, true, false, json.getBytes(StandardCharsets.UTF_8)));
            assertThat(out.isRsv1()).isTrue();
            sizes[i] = out.getPayloadLength();
            assertThat(new String(inflate(peer, out.getPayloadData()), StandardCharsets.UTF_8)).isEqualTo(json);
        }
        assertThat(sizes[2]).as("the context carries over: a repeated message is a reference to the last")
                .isLessThan(sizes[0]).isLessThan(json.length() / 4);
        Frame first = deflate.processOutgoing(context,
                frame(TEXT, false, false, "abc".getBytes(StandardCharsets.UTF_8)));
        Frame last = deflate.processOutgoing(context,
                frame(CONTINUATION, true, false, "def".getBytes(StandardCharsets.UTF_8)));
        assertThat(first.isRsv1()).isTrue();
        assertThat(last.isRsv1()).as("RSV1 on the first frame of a message only").isFalse();
        byte[] both = new byte[(int) (first.getPayloadLength() + last.getPayloadLength())];
        System.arraycopy(first.getPayloadData(), 0, both, 0, (int) first.getPayloadLength());
        System.arraycopy(last.getPayloadData(), 0, both, (int) first.getPayloadLength(), (int) last.getPayloadLength());
        assertThat(new String(inflate(peer, both), StandardCharsets.UTF_8)).isEqualTo("abcdef");
        deflate.destroy(context);
        assertThat(context.properties).isEmpty();
    }

    @Test
    void compressedMessagesComeInInflatedAndPlainOnesAsTheyAre() {
        TyrusDeflate deflate = new TyrusDeflate(64 * 1024);
        Context context = new Context();
        deflate.onExtensionNegotiation(context, List.of());
        Deflater peer = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        for (String text : List.of("hello", "héllo wörld ✓ 😀".repeat(50), "")) {
            Frame in = deflate.processIncoming(context,
                    frame(TEXT, true, true, deflate(peer, text.getBytes(StandardCharsets.UTF_8))));
            assertThat(in.isRsv1()).isFalse();
            assertThat(new String(in.getPayloadData(), 0, (int) in.getPayloadLength(), StandardCharsets.UTF_8))
                    .isEqualTo(text);
        }
        Frame plain = deflate.processIncoming(context,
                frame(TEXT, true, false, "as is".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(plain.getPayloadData(), StandardCharsets.UTF_8)).isEqualTo("as is");
    }

    @Test
    void aMessageThatInflatesFarPastTheLimitIsCutJustPastIt() {
        int max = 1024;
        TyrusDeflate deflate = new TyrusDeflate(max);
        Context context = new Context();
        deflate.onExtensionNegotiation(context, List.of());
        Deflater peer = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] bomb = deflate(peer, "a".repeat(20_000_000).getBytes(StandardCharsets.US_ASCII));
        assertThat(bomb.length).isLessThan(40_000);

        Frame text = deflate.processIncoming(context, frame(TEXT, false, true, bomb));
        assertThat(text.getPayloadLength()).as("more characters than allowed, not 20 MB")
                .isGreaterThan(max).isLessThanOrEqualTo(3L * max + 4);
        Frame rest = deflate.processIncoming(context, frame(CONTINUATION, true, false, bomb));
        assertThat(rest.getPayloadLength()).isZero();

        TyrusDeflate binaryDeflate = new TyrusDeflate(max);
        Context other = new Context();
        binaryDeflate.onExtensionNegotiation(other, List.of());
        byte[] zeros = deflate(new Deflater(Deflater.BEST_COMPRESSION, true), new byte[5_000_000]);
        Frame binary = binaryDeflate.processIncoming(other, frame(BINARY, true, true, zeros));
        assertThat(binary.getPayloadLength()).isEqualTo(max + 1L);
    }

    @Test
    void aCutTextEndsOnACharacterBoundary() {
        int max = 100;
        TyrusDeflate deflate = new TyrusDeflate(max);
        Context context = new Context();
        deflate.onExtensionNegotiation(context, List.of());
        byte[] text = "€".repeat(1000).getBytes(StandardCharsets.UTF_8); // three bytes each
        Frame cut = deflate.processIncoming(context,
                frame(TEXT, true, true, deflate(new Deflater(Deflater.DEFAULT_COMPRESSION, true), text)));
        assertThat(cut.getPayloadLength() % 3).isZero();
        String decoded = new String(cut.getPayloadData(), StandardCharsets.UTF_8);
        assertThat(decoded).matches("€+").hasSizeGreaterThan(max);
    }

    @Test
    void serverNoContextTakeoverIsAnsweredAndHonoured() throws Exception {
        TyrusDeflate deflate = new TyrusDeflate(64 * 1024);
        Context context = new Context();
        List<Extension.Parameter> answer = deflate.onExtensionNegotiation(context,
                List.of(parameter("server_no_context_takeover", null)));
        assertThat(answer).extracting(Extension.Parameter::getName).containsExactly("server_no_context_takeover");
        byte[] json = "{\"event\":\"tick\",\"data\":12345}".getBytes(StandardCharsets.UTF_8);
        Frame first = deflate.processOutgoing(context, frame(TEXT, true, false, json));
        Frame second = deflate.processOutgoing(context, frame(TEXT, true, false, json));
        assertThat(second.getPayloadData()).as("no reference to the first message").isEqualTo(first.getPayloadData());
        assertThat(new String(inflate(new Inflater(true), second.getPayloadData()), StandardCharsets.UTF_8))
                .isEqualTo(new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void offersAreTakenOnlyWithParametersThatCanBeHonoured() {
        TyrusCompression support = new TyrusCompression();
        assertThat(support.accepts(offer())).isTrue();
        assertThat(support.accepts(offer(parameter("client_max_window_bits", null)))).isTrue();
        assertThat(support.accepts(offer(parameter("client_max_window_bits", "10"),
                parameter("server_no_context_takeover", null)))).isTrue();
        assertThat(support.accepts(offer(parameter("server_max_window_bits", "15")))).isTrue();
        assertThat(support.accepts(offer(parameter("server_max_window_bits", "10")))).isFalse();
        assertThat(support.accepts(offer(parameter("client_max_window_bits", "16")))).isFalse();
        assertThat(support.accepts(offer(parameter("mystery", null)))).isFalse();
        assertThat(support.accepts(offer(parameter("server_no_context_takeover", null),
                parameter("server_no_context_takeover", null)))).isFalse();
    }

    static Extension offer(Extension.Parameter... parameters) {
        return new Extension() {

            @Override
            public String getName() {
                return "permessage-deflate";
            }

            @Override
            public List<Parameter> getParameters() {
                return List.of(parameters);
            }
        };
    }

    static Extension.Parameter parameter(String name, String value) {
        return new Extension.Parameter() {

            @Override
            public String getName() {
                return name;
            }

            @Override
            public String getValue() {
                return value;
            }
        };
    }
}
