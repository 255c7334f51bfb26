package org.cdigateway.se.internal;

import java.nio.ByteBuffer;

/**
 * Follows the frame headers of one connection's incoming bytes, without buffering them, so that a frame that announces
 * more payload than the runtime takes is refused with 1009 on its header, before its payload arrives (Tyrus would
 * buffer up to its incoming buffer size and then close with 1011).
 */
final class FrameSizes {

    private final long max;
    private int have; // header bytes seen of the frame being read
    private int needed = 2; // header bytes it has, known once its second byte is seen
    private int len7; // the 7-bit length of its second byte
    private long length; // its extended length, as its bytes come
    private long skip; // payload bytes still to pass

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
            int b = data.get(pos++) & 0xFF;
            have++;
            if (have == 2) {
                len7 = b & 0x7F;
                needed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + ((b & 0x80) != 0 ? 4 : 0);
                length = 0;
            } else if (have > 2 && have <= (len7 == 126 ? 4 : len7 == 127 ? 10 : 2)) {
                length = length << 8 | b;
            }
            if (have >= 2 && have == needed) {
                long payload = len7 < 126 ? len7 : length;
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
}
