package org.cdigateway.socketio.internal.packet;

/** The Socket.IO v5 packet types; the ordinal is the digit written on the wire. */
public enum SocketType {

    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    private static final SocketType[] BY_DIGIT = values();

    /** The character that starts a packet of this type. */
    public char digit() {
        return (char) ('0' + ordinal());
    }

    /** Whether binary attachments follow a packet of this type. */
    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    /** {@link #EVENT} for both kinds of event, {@link #ACK} for both kinds of ack, this type otherwise. */
    public SocketType withoutBinary() {
        return this == BINARY_EVENT ? EVENT : this == BINARY_ACK ? ACK : this;
    }

    /** The type whose digit is {@code c}, or {@code null}. */
    static SocketType ofDigit(char c) {
        int i = c - '0';
        return i >= 0 && i < BY_DIGIT.length ? BY_DIGIT[i] : null;
    }
}
