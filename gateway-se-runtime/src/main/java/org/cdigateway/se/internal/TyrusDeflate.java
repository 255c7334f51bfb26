package org.cdigateway.se.internal;

import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * {@code permessage-deflate} (RFC 7692) on a Tyrus connection: Tyrus hands every data frame it reads to
 * {@link #processIncoming} and every frame it writes to {@link #processOutgoing}, with a context per connection that
 * holds that connection's {@link Deflater} and {@link Inflater}.
 *
 * <p>
 * Written here rather than taken from Tyrus's {@code tyrus-extension-deflate}, which inflates a message without bound
 * (a few kilobytes that inflate to gigabytes would be held in memory before the gateway's size limit could refuse
 * them), sets RSV1 on continuation frames too, and answers every offer whatever its parameters. Here:
 * <ul>
 * <li>a message is inflated only a little past the gateway's {@code maxMessageSize}, enough for the gateway to close
 * the connection with 1009, as it does for an uncompressed message that is too big;</li>
 * <li>RSV1 marks the first frame of a compressed message only; each frame is flushed (sync flush) so that it can be
 * written at once, and the last one ends without the {@code 00 00 FF FF} the flush adds (§7.2.1);</li>
 * <li>{@code server_no_context_takeover} is honoured when the client asks for it; offers the deflater cannot honour
 * (a window below 15 bits) are passed over before they get here ({@link TyrusCompression#accepts}).</li>
 * </ul>
 * Messages are compressed at zlib's default level (6; Tyrus's extension uses 9); what that costs per message and per
 * connection is measured by the benchmarks' {@code CompressionBenchmark} (docs/performance.adoc).
 */
final class TyrusDeflate implements ExtendedExtension {

    static final String NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";

    private static final String STATE = TyrusDeflate.class.getName();
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};
    private static final byte OPCODE_CONTINUATION = 0, OPCODE_TEXT = 1;

    private final int maxMessageSize;

    TyrusDeflate(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /** One connection's compressors and where its current incoming message is. */
    private static final class State {

        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        final Inflater inflater = new Inflater(true);
        final boolean resetDeflater;
        boolean inflating; // the message being read is compressed
        boolean text; // ... and is a text message
        long inflated; // bytes of it inflated so far
        boolean cut; // it went past the limit and was cut off

        State(boolean resetDeflater) {
            this.resetDeflater = resetDeflater;
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public List<Parameter> getParameters() {
        return List.of();
    }

    @Override
    public List<Parameter> onExtensionNegotiation(ExtensionContext context, List<Parameter> requested) {
        boolean reset = false;
        for (Parameter p : requested) {
            if (SERVER_NO_CONTEXT_TAKEOVER.equals(p.getName().strip())) {
                reset = true;
            }
        }
        context.getProperties().put(STATE, new State(reset));
        return reset ? List.of(new Flag(SERVER_NO_CONTEXT_TAKEOVER)) : List.of();
    }

    @Override
    public void onHandshakeResponse(ExtensionContext context, List<Parameter> response) {
        context.getProperties().put(STATE, new State(false)); // as a client's; the runtime only serves
    }

    @Override
    public void destroy(ExtensionContext context) {
        if (context.getProperties().remove(STATE) instanceof State s) {
            s.deflater.end();
            s.inflater.end();
        }
    }

    @Override
    public Frame processOutgoing(ExtensionContext context, Frame frame) {
        if (frame.isControlFrame() || !(context.getProperties().get(STATE) instanceof State s)) {
            return frame;
        }
        int length = (int) frame.getPayloadLength();
        Deflater deflater = s.deflater;
        deflater.setInput(frame.getPayloadData(), 0, length);
        byte[] out = new byte[Math.max(64, length / 2 + 16)];
        int n = 0;
        while (true) {
            n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            if (n < out.length) {
                break; // all input taken and flushed
            }
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (frame.isFin()) {
            if (n >= 4 && out[n - 4] == 0 && out[n - 3] == 0 && out[n - 2] == (byte) 0xFF
                    && out[n - 1] == (byte) 0xFF) {
                n -= 4;
            }
            if (s.resetDeflater) {
                deflater.reset();
            }
        }
        return Frame.builder(frame).payloadData(Arrays.copyOf(out, n)).payloadLength(n)
                .rsv1(frame.getOpcode() != OPCODE_CONTINUATION).build();
    }

    @Override
    public Frame processIncoming(ExtensionContext context, Frame frame) {
        if (frame.isControlFrame() || !(context.getProperties().get(STATE) instanceof State s)) {
            return frame;
        }
        if (frame.getOpcode() != OPCODE_CONTINUATION) {
            s.inflating = frame.isRsv1();
            s.text = frame.getOpcode() == OPCODE_TEXT;
            s.inflated = 0;
            s.cut = false;
        }
        if (!s.inflating) {
            return frame;
        }
        if (s.cut) {
            return plain(frame, new byte[0]); // the rest of a message already refused
        }
        // text: a character is three bytes at most (a four-byte one is two characters), so a text cut past three
        // bytes per allowed character has more characters than allowed, whatever its script
        long room = (s.text ? 3L * maxMessageSize + 4 : maxMessageSize + 1L) - s.inflated;
        Sink sink = new Sink((int) Math.min(room, Math.max(64, frame.getPayloadLength() * 4)), room);
        try {
            boolean whole = sink.inflate(s.inflater, frame.getPayloadData(), (int) frame.getPayloadLength())
                    && (!frame.isFin() || sink.inflate(s.inflater, TAIL, TAIL.length));
            if (!whole) {
                s.cut = true;
                return plain(frame, s.text ? sink.toCharBoundary() : sink.bytes());
            }
        } catch (DataFormatException e) {
            // not deflate data: refused as the container refuses a bad message, text as not UTF-8 (1007), a binary
            // message as too big (1009)
            s.cut = true;
            return plain(frame, s.text ? new byte[]{(byte) 0xFF} : new byte[maxMessageSize + 1]);
        }
        s.inflated += sink.size;
        return plain(frame, sink.bytes());
    }

    private static Frame plain(Frame frame, byte[] payload) {
        return Frame.builder(frame).payloadData(payload).payloadLength(payload.length).rsv1(false).build();
    }

    /** Where one frame is inflated to, growing up to its room. */
    private static final class Sink {

        private final long room;
        private byte[] buffer;
        int size;

        Sink(int initial, long room) {
            this.buffer = new byte[Math.max(initial, 1)];
            this.room = room;
        }

        /** Inflates {@code length} bytes of {@code input}; false when the output would go past the room. */
        boolean inflate(Inflater inflater, byte[] input, int length) throws DataFormatException {
            inflater.setInput(input, 0, length);
            while (true) {
                if (size == buffer.length) {
                    if (size >= room) {
                        return false;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(room, buffer.length * 2L));
                }
                int k = inflater.inflate(buffer, size, buffer.length - size);
                size += k;
                if (k == 0 && size < buffer.length) {
                    if (inflater.finished()) {
                        inflater.reset(); // the peer ended its deflate stream (a final block): the next one is new
                    }
                    return true; // all input taken
                }
            }
        }

        byte[] bytes() {
            return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        }

        /** The bytes without a character cut in two at their end. */
        byte[] toCharBoundary() {
            int start = size - 1;
            while (start > 0 && (buffer[start] & 0xC0) == 0x80) {
                start--;
            }
            int lead = start < 0 ? 0 : buffer[start] & 0xFF;
            int length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            return Arrays.copyOf(buffer, start >= 0 && start + length > size ? start : size);
        }
    }

    private static final class Flag implements Parameter {

        private final String name;

        Flag(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getValue() {
            return null;
        }
    }
}
