package org.cdigateway.socketio.internal.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO v4 packet: a type and either text data or, for a message only, binary data. Immutable as far as the
 * codecs go; the binary array is shared, not copied, so whoever builds a packet must not change the array afterwards.
 */
public final class EnginePacket {

    private static final EnginePacket PING = new EnginePacket(EngineType.PING, "", null);
    private static final EnginePacket PONG = new EnginePacket(EngineType.PONG, "", null);
    private static final EnginePacket CLOSE = new EnginePacket(EngineType.CLOSE, "", null);
    private static final EnginePacket NOOP = new EnginePacket(EngineType.NOOP, "", null);
    private static final EnginePacket UPGRADE = new EnginePacket(EngineType.UPGRADE, "", null);

    private final EngineType type;
    private final String text;
    private final byte[] binary;

    private EnginePacket(EngineType type, String text, byte[] binary) {
        this.type = type;
        this.text = text;
        this.binary = binary;
    }

    /** A packet of {@code type} with text data ({@code ""} for none). */
    public static EnginePacket text(EngineType type, String data) {
        return new EnginePacket(Objects.requireNonNull(type, "type"), Objects.requireNonNull(data, "data"), null);
    }

    /** A message packet with text data. */
    public static EnginePacket message(String data) {
        return text(EngineType.MESSAGE, data);
    }

    /** A message packet with binary data; {@code data} is kept, not copied. */
    public static EnginePacket binary(byte[] data) {
        return new EnginePacket(EngineType.MESSAGE, null, Objects.requireNonNull(data, "data"));
    }

    /** {@code 2}: the server's heartbeat. */
    public static EnginePacket ping() {
        return PING;
    }

    /** {@code 3}: the answer to a ping. */
    public static EnginePacket pong() {
        return PONG;
    }

    /** {@code 1}: closes the session. */
    public static EnginePacket close() {
        return CLOSE;
    }

    /** {@code 6}: answers a pending poll during an upgrade or a close. */
    public static EnginePacket noop() {
        return NOOP;
    }

    /** {@code 5}: completes an upgrade. */
    public static EnginePacket upgrade() {
        return UPGRADE;
    }

    /**
     * {@code 0} with the handshake JSON, {@code {"sid":..,"upgrades":[..],"pingInterval":..,"pingTimeout":..,
     * "maxPayload":..}}, keys in that order.
     */
    public static EnginePacket open(String sid, Iterable<String> upgrades, long pingInterval, long pingTimeout,
            long maxPayload) {
        return text(EngineType.OPEN, EngineCodec.handshakeJson(sid, upgrades, pingInterval, pingTimeout, maxPayload));
    }

    public EngineType type() {
        return type;
    }

    /** Whether the data is binary (then {@link #text()} is {@code null}). */
    public boolean isBinary() {
        return binary != null;
    }

    /** The text data, {@code ""} when there is none, {@code null} for a binary message. */
    public String text() {
        return text;
    }

    /** The binary data of a binary message (the array itself, not a copy), {@code null} for a text packet. */
    public byte[] binary() {
        return binary;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnginePacket p && type == p.type && Objects.equals(text, p.text)
                && Arrays.equals(binary, p.binary);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Objects.hashCode(text)) + Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        return binary == null ? type + " " + text : type + " binary " + binary.length + " bytes";
    }
}
