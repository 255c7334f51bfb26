package org.cdigateway.se.internal;

import java.nio.ByteBuffer;

/**
 * Follows the frame headers of one connection's incoming bytes, without buffering them, so that a frame that announces
 * more payload than the runtime takes is refused with 1009 on its header, before its payload arrives (Tyrus would
 * buffer up to its incoming buffer size and then close with 1011).
 */
final class FrameSizes {

    private final long max;
    private final byte[] header = new byte[14];
    private int have;
    private int needed = 2;
    private long skip;

    /** @param max the most payload bytes one frame may announce */
    FrameSizes(long max) {
        this.max = max;
    }

    /** Looks at the next bytes of the connection (not consuming them); false once a frame announced too much. */
    boolean accept(ByteBuffer data) {
        int pos = data.position();
        int limit = data.limit();
        while (pos < limit) {
            if (skip > 0) {
                long n = Math.min(skip, limit - pos);
                pos += (int) n;
                skip -= n;
                continue;
            }
            header[have++] = data.get(pos++);
            if (have == 2) {
                int len = header[1] & 0x7F;
                needed = 2 + (len == 126 ? 2 : len == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
            }
            if (have >= 2 && have == needed) {
                long payload = payloadLength();
                if (payload > max || payload < 0) {
                    return false;
                }
                skip = payload;
                have = 0;
                needed = 2;
            }
        }
        return true;
    }

    private long payloadLength() {
        int len = header[1] & 0x7F;
        if (len < 126) {
            return len;
        }
        if (len == 126) {
            return (header[2] & 0xFFL) << 8 | header[3] & 0xFFL;
        }
        long n = 0;
        for (int i = 2; i < 10; i++) {
            n = n << 8 | header[i] & 0xFFL;
        }
        return n;
    }
}
