package org.cdigateway.se.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** Frame headers followed across reads of any size: each length form, masked or not, and the refusal at the header. */
class FrameSizesTest {

    /** A client frame (masked) with {@code payload} bytes, its length in the shortest form or the one asked for. */
    private static byte[] frame(int payload, int lengthBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        if (lengthBytes == 0) {
            out.write(0x80 | payload);
        } else if (lengthBytes == 2) {
            out.write(0x80 | 126);
            out.write(payload >>> 8);
            out.write(payload);
        } else {
            out.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payload >>> (8 * i)));
            }
        }
        out.write(1); // mask
        out.write(2);
        out.write(3);
        out.write(4);
        out.write(new byte[payload], 0, payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /** Feeds {@code bytes} in reads of {@code chunk} bytes; the answer of the last read, or false at the first false. */
    private static boolean feed(FrameSizes sizes, byte[] bytes, int chunk) {
        for (int i = 0; i < bytes.length; i += chunk) {
            ByteBuffer read = ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i));
            int position = read.position();
            if (!sizes.accept(read)) {
                return false;
            }
            assertThat(read.position()).as("looks without consuming").isEqualTo(position);
        }
        return true;
    }

    @Test
    void framesWithinTheLimitPassInEveryLengthFormAndReadSize() {
        byte[] stream = concat(frame(0, 0), frame(125, 0), frame(126, 2), frame(1000, 2), frame(70_000, 8),
                frame(5, 8), frame(3, 2));
        for (int chunk : new int[]{1, 2, 3, 7, 13, 4096, stream.length}) {
            assertThat(feed(new FrameSizes(70_000), stream, chunk)).as("reads of %d bytes", chunk).isTrue();
        }
    }

    @Test
    void aFrameOverTheLimitIsRefusedOnItsHeaderWhateverFollows() {
        for (int chunk : new int[]{1, 3, 4096}) {
            byte[] header16 = java.util.Arrays.copyOf(frame(1001, 2), 8); // the header and mask only: no payload yet
            assertThat(feed(new FrameSizes(1000), concat(frame(1000, 2), header16), chunk)).isFalse();
            byte[] header64 = java.util.Arrays.copyOf(frame(70_001, 8), 14);
            assertThat(feed(new FrameSizes(70_000), concat(frame(10, 0), header64), chunk)).isFalse();
        }
    }

    @Test
    void aSixtyFourBitLengthWithItsTopBitSetIsRefused() {
        byte[] header = {(byte) 0x81, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4};
        assertThat(feed(new FrameSizes(Long.MAX_VALUE), header, 1)).isFalse();
    }
}
