package org.cdigateway.socketio.internal.packet;

/** The Engine.IO v4 packet types; the ordinal is the digit written on the wire. */
public enum EngineType {

    OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

    private static final EngineType[] BY_DIGIT = values();

    /** The character that starts a text packet of this type. */
    public char digit() {
        return (char) ('0' + ordinal());
    }

    /** The type whose digit is {@code c}, or {@code null}. */
    static EngineType ofDigit(char c) {
        int i = c - '0';
        return i >= 0 && i < BY_DIGIT.length ? BY_DIGIT[i] : null;
    }
}
