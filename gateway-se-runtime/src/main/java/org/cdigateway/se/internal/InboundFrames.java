package org.cdigateway.se.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Follows the frames of one connection's incoming bytes, read by read, before Tyrus parses them:
 * <ul>
 * <li>a frame that announces more payload than the runtime takes is refused on its header, before its payload arrives
 * (Tyrus would buffer up to its incoming buffer size and then close with 1011);</li>
 * <li>a client's masked payload is unmasked here, eight bytes at a time, and handed on as an unmasked frame (the mask
 * bit cleared, the key removed). Tyrus unmasks byte by byte through volatile fields, a memory barrier per byte: the
 * largest single cost of reading a small message.</li>
 * </ul>
 * The bytes are rewritten in place: a frame's header is handed on once whole (a header split between reads waits for
 * its last byte), its payload as it comes. Whether a frame is masked is not judged here: Tyrus reads both.
 */
final class InboundFrames {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long max;
    private final byte[] head = new byte[14]; // the header being read
    private int have; // its bytes seen
    private int needed = 2; // its length, known once its second byte is seen
    private long remaining; // payload bytes of the current frame still to come
    private boolean masked; // whether the current frame's payload is masked
    private int key; // its masking key, first byte in the lowest bits
    private int keyOffset; // how many of its payload bytes were unmasked, modulo 4
    private int length; // the bytes to hand on of the last read

    /** @param max the most payload bytes one frame may announce (0: no limit) */
    InboundFrames(long max) {
        this.max = max <= 0 ? Long.MAX_VALUE : max;
    }

    /**
     * The bytes of one read, unmasked, as Tyrus is to read them: {@code bytes} itself rewritten, or a new array when a
     * header began in the read before; null once a frame announced too much.
     *
     * @return the array and, in {@link #length()}, how many of its bytes to hand on
     */
    byte[] next(byte[] bytes) {
        byte[] out = have == 0 ? bytes : new byte[have + bytes.length];
        int o = 0; // in place, the bytes handed on never pass the bytes read: a header goes on once all of it was read
        int p = 0;
        int limit = bytes.length;
        while (p < limit) {
            if (remaining > 0) {
                int n = (int) Math.min(remaining, limit - p);
                if (masked) {
                    unmask(bytes, p, out, o, n);
                } else if (out != bytes || o != p) {
                    System.arraycopy(bytes, p, out, o, n);
                }
                p += n;
                o += n;
                remaining -= n;
                continue;
            }
            byte b = bytes[p++];
            head[have++] = b;
            if (have == 2) {
                int len7 = b & 0x7F;
                needed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((b & 0x80) != 0 ? 4 : 0);
            }
            if (have >= 2 && have == needed) {
                int len7 = head[1] & 0x7F;
                long payload = len7;
                if (len7 >= 126) {
                    int end = len7 == 126 ? 4 : 10;
                    payload = 0;
                    for (int i = 2; i < end; i++) {
                        payload = payload << 8 | (head[i] & 0xFF);
                    }
                }
                if (payload > max || payload < 0) {
                    return null;
                }
                masked = (head[1] & 0x80) != 0;
                int plain = masked ? needed - 4 : needed;
                if (masked) {
                    key = (head[plain] & 0xFF) | (head[plain + 1] & 0xFF) << 8 | (head[plain + 2] & 0xFF) << 16
                            | (head[plain + 3] & 0xFF) << 24;
                    keyOffset = 0;
                    head[1] &= 0x7F;
                }
                System.arraycopy(head, 0, out, o, plain);
                o += plain;
                remaining = payload;
                have = 0;
                needed = 2;
            }
        }
        length = o;
        return out;
    }

    /** How many bytes of the array {@link #next} returned are to be handed on. */
    int length() {
        return length;
    }

    /** Unmasks {@code n} payload bytes from {@code in} at {@code p} into {@code out} at {@code o} (o ≤ p if the same). */
    private void unmask(byte[] in, int p, byte[] out, int o, int n) {
        int k = Integer.rotateRight(key, keyOffset * 8); // the key from the next payload byte on
        long k8 = (k & 0xFFFF_FFFFL) | (long) k << 32;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            LONGS.set(out, o + i, (long) LONGS.get(in, p + i) ^ k8);
        }
        for (; i < n; i++) {
            out[o + i] = (byte) (in[p + i] ^ (k >>> ((i & 3) * 8)));
        }
        keyOffset = (keyOffset + n) & 3;
    }
}
