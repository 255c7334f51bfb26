package org.cdigateway.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The WebSocket frame of a text, as RFC 6455 §5.2 lays it out for a server: checked byte by byte. */
class EncodedTextTest {

    /** The payload length as the frame's header says it, and the header's size. */
    private static long[] header(byte[] frame) {
        assertThat(frame[0] & 0xFF).as("FIN and the text opcode").isEqualTo(0x81);
        assertThat(frame[1] & 0x80).as("no mask from a server").isZero();
        int len7 = frame[1] & 0x7F;
        if (len7 < 126) {
            return new long[]{len7, 2};
        }
        if (len7 == 126) {
            return new long[]{(frame[2] & 0xFF) << 8 | frame[3] & 0xFF, 4};
        }
        long len = 0;
        for (int i = 0; i < 8; i++) {
            len = len << 8 | frame[2 + i] & 0xFF;
        }
        return new long[]{len, 10};
    }

    private static void assertFrameOf(String text, int headerSize) {
        byte[] frame = EncodedText.encode(text);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        long[] h = header(frame);
        assertThat(h[1]).as("header size for %d bytes", utf8.length).isEqualTo(headerSize);
        assertThat(h[0]).isEqualTo(utf8.length);
        assertThat(frame).hasSize(headerSize + utf8.length);
        assertThat(Arrays.copyOfRange(frame, headerSize, frame.length)).isEqualTo(utf8);
    }

    @Test
    void theLengthTakesSevenSixteenOrSixtyFourBitsAtTheBoundaries() {
        assertFrameOf("", 2);
        assertFrameOf("a".repeat(125), 2);
        assertFrameOf("a".repeat(126), 4);
        assertFrameOf("a".repeat(65_535), 4);
        assertFrameOf("a".repeat(65_536), 10);
        assertFrameOf("a".repeat(1 << 20), 10);
    }

    @Test
    void theLengthIsInBytesOfUtf8NotInCharacters() {
        // 125 characters, but more bytes: the header must grow with the bytes
        assertFrameOf("é".repeat(63), 4); // 63 characters, 126 bytes: a 16-bit length
        assertThat(header(EncodedText.encode("é".repeat(63)))[0]).isEqualTo(126);
        assertFrameOf("é".repeat(62) + "a", 2); // 125 bytes
        assertFrameOf("€".repeat(21_845), 4); // 65,535 bytes of 3-byte characters
        assertFrameOf("€".repeat(21_846), 10); // 65,538 bytes
    }

    @Test
    void everyWidthOfUtf8IsEncodedAsTheJdkDoes() {
        assertFrameOf("{\"event\":\"chat\",\"data\":\"héllo wörld ✓ 你好 😀🚀 \\u0000\"}", 2);
        assertFrameOf("\u007f\u0080\u07ff\u0800\uffff" + new String(Character.toChars(0x10000))
                + new String(Character.toChars(0x10FFFF)), 2);
    }

    @Test
    void aLoneSurrogateHasNoFrame() {
        assertThat(EncodedText.encode("ab\uD83D")).isNull(); // high surrogate at the end
        assertThat(EncodedText.encode("\uD83Dx")).isNull(); // high surrogate before a non-surrogate
        assertThat(EncodedText.encode("x\uDE00y")).isNull(); // low surrogate alone
        EncodedText lone = new EncodedText("\uDE00");
        assertThat(lone.frame()).isNull();
        assertThat(lone.frame()).as("asked again").isNull();
    }

    @Test
    void theFrameIsEncodedOnceAndEachCallerGetsItsOwnBufferOverTheSameBytes() {
        EncodedText text = new EncodedText("{\"event\":\"tick\",\"data\":1}");
        ByteBuffer a = text.frame();
        ByteBuffer b = text.frame();
        assertThat(a).isNotSameAs(b);
        assertThat(a.array()).isSameAs(b.array());
        a.position(a.limit()); // one writer consuming its buffer leaves the others whole
        assertThat(b.position()).isZero();
        assertThat(b.remaining()).isEqualTo(2 + text.text().length()); // ASCII: a byte a character
        assertThat(text.size()).isEqualTo(text.text().length());
    }

    @Test
    void theUtf8LengthIsTheJdksForValidTextAndIsCountedOnce() {
        for (String text : new String[]{"", "plain", "é", "€uro", "\uD83D\uDE00 and text", "mixé€\uD83D\uDE00x"}) {
            EncodedText e = new EncodedText(text);
            long jdk = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertThat(e.utf8Length()).as(text).isEqualTo(jdk);
            assertThat(e.utf8Length()).as(text).isEqualTo(jdk); // the cached count
            assertThat(EncodedText.utf8Length(text)).as(text).isEqualTo(jdk);
        }
        assertThat(EncodedText.utf8Length("a\uD83D")).isEqualTo(3); // a lone surrogate counts as half a pair
    }
}
