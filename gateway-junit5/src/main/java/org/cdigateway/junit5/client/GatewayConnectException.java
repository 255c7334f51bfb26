package org.cdigateway.junit5.client;

import java.net.URI;

/**
 * Thrown by {@link GatewayTestClient#connect(URI, ClientOptions)} when the connection could not be opened: the server
 * refused the opening handshake ({@link #statusCode()} is the HTTP status, e.g. 403), the TCP connection failed, or
 * the handshake did not finish in time ({@link #statusCode()} is {@code -1}).
 */
public final class GatewayConnectException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final URI uri;
    private final int statusCode;

    GatewayConnectException(URI uri, int statusCode, String message, Throwable cause) {
        super(message, cause);
        this.uri = uri;
        this.statusCode = statusCode;
    }

    /** The URI that was connected to. */
    public URI uri() {
        return uri;
    }

    /** The HTTP status of the refused handshake, or {@code -1} when the server sent no HTTP response. */
    public int statusCode() {
        return statusCode;
    }
}
