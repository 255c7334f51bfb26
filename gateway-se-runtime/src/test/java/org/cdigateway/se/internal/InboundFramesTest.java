package org.cdigateway.se.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Frames followed across reads of any size: each length form, masked or not, unmasked as Tyrus is to read them, and
 * the refusal at the header.
 */
class InboundFramesTest {

    private static final byte[] KEY = {(byte) 0xA5, 0x3C, 0x0F, (byte) 0xF0};

    /** A frame with {@code payload}, its length in the shortest form or the one asked for, masked with key or not. */
    private static byte[] frame(int opcode, byte[] payload, int lengthBytes, byte[] key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(opcode);
        int maskBit = key == null ? 0 : 0x80;
        int n = payload.length;
        if (lengthBytes == 0) {
            out.write(maskBit | n);
        } else if (lengthBytes == 2) {
            out.write(maskBit | 126);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(maskBit | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) n >>> (8 * i)));
            }
        }
        if (key != null) {
            out.write(key, 0, 4);
            for (int i = 0; i < n; i++) {
                out.write(payload[i] ^ key[i & 3]);
            }
        } else {
            out.write(payload, 0, n);
        }
        return out.toByteArray();
    }

    /** A client's frame (masked with KEY) of {@code size} zero bytes. */
    private static byte[] frame(int size, int lengthBytes) {
        return frame(0x81, new byte[size], lengthBytes, KEY);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /** Feeds {@code bytes} in reads of {@code chunk} bytes; what is handed on, or null once refused. */
    private static byte[] feed(InboundFrames frames, byte[] bytes, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i += chunk) {
            byte[] read = Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk));
            byte[] next = frames.next(read);
            if (next == null) {
                return null;
            }
            out.write(next, 0, frames.length());
        }
        return out.toByteArray();
    }

    @Test
    void maskedFramesAreHandedOnUnmaskedInEveryLengthFormAndReadSize() {
        Random random = new Random(7);
        byte[][] payloads = new byte[9][];
        int[] sizes = {0, 1, 5, 125, 126, 1000, 70_000, 9, 3};
        for (int i = 0; i < sizes.length; i++) {
            payloads[i] = new byte[sizes[i]];
            random.nextBytes(payloads[i]);
        }
        int[] forms = {0, 0, 8, 0, 2, 2, 8, 2, 8};
        ByteArrayOutputStream masked = new ByteArrayOutputStream();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        for (int i = 0; i < sizes.length; i++) {
            byte[] key = new byte[4];
            random.nextBytes(key);
            byte[] m = frame(i % 2 == 0 ? 0x81 : 0x02, payloads[i], forms[i], key);
            byte[] p = frame(i % 2 == 0 ? 0x81 : 0x02, payloads[i], forms[i], null);
            masked.write(m, 0, m.length);
            plain.write(p, 0, p.length);
        }
        byte[] stream = masked.toByteArray();
        for (int chunk : new int[]{1, 2, 3, 5, 7, 8, 9, 13, 4096, stream.length}) {
            assertThat(feed(new InboundFrames(70_000), stream, chunk)).as("reads of %d bytes", chunk)
                    .isEqualTo(plain.toByteArray());
        }
    }

    @Test
    void unmaskedFramesPassAsTheyAre() {
        byte[] stream = concat(frame(0x81, "hello".getBytes(), 0, null), frame(0x82, new byte[300], 2, null));
        for (int chunk : new int[]{1, 4, stream.length}) {
            assertThat(feed(new InboundFrames(0), stream, chunk)).isEqualTo(stream);
        }
    }

    @Test
    void randomStreamsInRandomReadsComeOutAsTheirUnmaskedFrames() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            int count = 1 + random.nextInt(6);
            for (int f = 0; f < count; f++) {
                byte[] payload = new byte[random.nextInt(4) == 0 ? random.nextInt(70_000) : random.nextInt(140)];
                random.nextBytes(payload);
                int form = payload.length > 65_535 ? 8 : payload.length > 125 ? (random.nextBoolean() ? 2 : 8) : 0;
                byte[] key = random.nextInt(5) == 0 ? null : new byte[4];
                if (key != null) {
                    random.nextBytes(key);
                }
                int opcode = random.nextBoolean() ? 0x81 : 0x82;
                in.writeBytes(frame(opcode, payload, form, key));
                expected.writeBytes(frame(opcode, payload, form, null));
            }
            byte[] stream = in.toByteArray();
            InboundFrames frames = new InboundFrames(70_000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < stream.length;) {
                int n = Math.min(stream.length - i, 1 + random.nextInt(random.nextBoolean() ? 16 : 20_000));
                byte[] next = frames.next(Arrays.copyOfRange(stream, i, i + n));
                out.write(next, 0, frames.length());
                i += n;
            }
            assertThat(out.toByteArray()).as("round %d", round).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void aFrameOverTheLimitIsRefusedOnItsHeaderWhateverFollows() {
        for (int chunk : new int[]{1, 3, 4096}) {
            byte[] header16 = Arrays.copyOf(frame(1001, 2), 8); // the header and mask only: no payload yet
            assertThat(feed(new InboundFrames(1000), concat(frame(1000, 2), header16), chunk)).isNull();
            byte[] header64 = Arrays.copyOf(frame(70_001, 8), 14);
            assertThat(feed(new InboundFrames(70_000), concat(frame(10, 0), header64), chunk)).isNull();
        }
    }

    @Test
    void aSixtyFourBitLengthWithItsTopBitSetIsRefused() {
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
        assertThat(feed(new InboundFrames(0), header, 1)).isNull();
    }
}
