package org.cdigateway.internal.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text frame written to many clients (a broadcast): its text, and the WebSocket frame it becomes on the wire, encoded
 * once, on first need, and then shared by every client whose channel can write encoded frames.
 *
 * <p>
 * The frame is what RFC 6455 §5.2 says a server sends for a whole text message: FIN set, opcode 1, no mask, the
 * payload length in 7, 7+16 or 7+64 bits, and the text in UTF-8. A text that is not valid UTF-16 (a lone surrogate)
 * has no such frame: {@link #frame()} is null and the client's channel sends the text the container's way, which
 * reports it.
 */
public final class EncodedText {

    private static final byte[] UNENCODABLE = new byte[0];

    private final String text;
    private volatile byte[] frame; // null until first asked for; UNENCODABLE when the text has no UTF-8 form
    private long utf8PlusOne; // 0 until counted, then the UTF-8 length + 1 (racy: a second count gives the same)

    public EncodedText(String text) {
        this.text = text;
    }

    /** The text of the frame. */
    public String text() {
        return text;
    }

    /**
     * The whole frame as it goes on the wire, in a new buffer over bytes shared with every other caller (read them,
     * never write them), or null when the text cannot be encoded. Encoded on the first call; two threads that call
     * it at once may both encode it, and either's bytes are right.
     */
    public ByteBuffer frame() {
        byte[] f = frame;
        if (f == null) {
            f = encode(text);
            frame = f == null ? UNENCODABLE : f;
        }
        return f == null || f == UNENCODABLE ? null : ByteBuffer.wrap(f);
    }

    /** The UTF-8 bytes of the text (see {@link #utf8Length(String)}), counted once for all the clients. */
    long utf8Length() {
        long n = utf8PlusOne;
        if (n == 0) {
            n = utf8Length(text) + 1;
            utf8PlusOne = n;
        }
        return n - 1;
    }

    /** The UTF-8 bytes of a text; a lone surrogate counts 2, as the pair it should have been half of. */
    static long utf8Length(String s) {
        long n = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2; // a surrogate pair: 4 bytes for 2 chars
            }
        }
        return n;
    }

    /** The characters the queue counts this frame as (the same as for its text). */
    int size() {
        return text.length();
    }

    /**
     * The server-to-client WebSocket frame of a whole text message, or null when {@code text} has a lone surrogate
     * (or would not fit in an array).
     */
    public static byte[] encode(String text) {
        // the JDK's encoder (a copy for ASCII text), which writes a lone surrogate as '?': looked for after
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int bytes = utf8.length;
        if (bytes == text.length() ? replaced(text, utf8) : hasLoneSurrogate(text)) {
            return null;
        }
        int header = bytes < 126 ? 2 : bytes <= 0xFFFF ? 4 : 10;
        if (bytes > Integer.MAX_VALUE - 16 - header) {
            return null;
        }
        byte[] out = new byte[header + bytes];
        out[0] = (byte) 0x81; // FIN, text
        if (header == 2) {
            out[1] = (byte) bytes;
        } else if (header == 4) {
            out[1] = 126;
            out[2] = (byte) (bytes >>> 8);
            out[3] = (byte) bytes;
        } else {
            out[1] = 127;
            for (int k = 0; k < 8; k++) {
                out[2 + k] = (byte) ((long) bytes >>> (56 - 8 * k));
            }
        }
        System.arraycopy(utf8, 0, out, header, bytes);
        return out;
    }

    /**
     * Whether the encoder replaced a char of a text it wrote one byte per char: a '?' where the text has none (every
     * char was ASCII, or a lone surrogate).
     */
    private static boolean replaced(String text, byte[] utf8) {
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '?' && text.charAt(i) != '?') {
                return true;
            }
        }
        return false;
    }

    /** Whether a text has a surrogate that is not half of a pair. */
    private static boolean hasLoneSurrogate(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
