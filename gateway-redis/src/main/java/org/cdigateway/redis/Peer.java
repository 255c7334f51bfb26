package org.cdigateway.redis;

import java.util.HashMap;
import java.util.Map;

/**
 * Another node, as this one knows it: when it was last heard of, and, per gateway channel, the sequence number of the
 * last of its broadcasts that arrived, so that a gap is counted as broadcasts missed.
 */
final class Peer {

    final String id;
    private volatile long lastSeen;
    /** Per gateway: {the last sequence number accounted for, the last one its previous hello announced}. */
    private final Map<String, long[]> channels = new HashMap<>();

    Peer(String id, long now) {
        this.id = id;
        this.lastSeen = now;
    }

    void seen(long now) {
        lastSeen = now;
    }

    long lastSeen() {
        return lastSeen;
    }

    /**
     * Accounts for a broadcast of this node.
     *
     * @return how many of its broadcasts on that channel were missed just before this one
     */
    synchronized long received(String gateway, long seq) {
        long[] s = channels.get(gateway);
        if (s == null) {
            channels.put(gateway, new long[]{seq, 0});
            return 0;
        }
        long gap = seq - s[0] - 1;
        if (seq > s[0]) {
            s[0] = seq;
        }
        return Math.max(gap, 0);
    }

    /**
     * Accounts for a hello: what its previous hello announced and has still not arrived is missed (one heartbeat later,
     * so that a broadcast slower than the hello, on another shard, is not counted); what this one announces is checked
     * at the next. The first numbers heard of a channel are where counting starts.
     *
     * @return how many broadcasts were missed
     */
    synchronized long announced(Map<String, Long> seqs) {
        long missed = 0;
        for (long[] s : channels.values()) {
            if (s[0] < s[1]) {
                missed += s[1] - s[0];
                s[0] = s[1];
            }
        }
        for (Map.Entry<String, Long> e : seqs.entrySet()) {
            long[] s = channels.get(e.getKey());
            if (s == null) {
                channels.put(e.getKey(), new long[]{e.getValue(), e.getValue()});
            } else {
                s[1] = e.getValue();
            }
        }
        return missed;
    }

    /** The counting state, for the log. */
    synchronized Map<String, Long> lastReceived() {
        Map<String, Long> last = new HashMap<>();
        channels.forEach((k, v) -> last.put(k, v[0]));
        return last;
    }
}
