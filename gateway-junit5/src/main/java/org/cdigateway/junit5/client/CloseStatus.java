package org.cdigateway.junit5.client;

/**
 * How a WebSocket connection ended, as seen by the {@link GatewayTestClient}.
 *
 * <p>
 * {@code code} is the status code of the server's close frame, {@code 1005} when the server's close frame carried no
 * code, and {@code 1006} when the connection ended without a close frame (TCP connection dropped, protocol error, or
 * {@link GatewayTestClient#abort()}).
 *
 * @param code   the close code
 * @param reason the close reason, never {@code null} (empty when none was given)
 */
public record CloseStatus(int code, String reason) {

    /** Creates a close status; a {@code null} reason becomes the empty string. */
    public CloseStatus {
        reason = reason == null ? "" : reason;
    }

    @Override
    public String toString() {
        return reason.isEmpty() ? Integer.toString(code) : code + " \"" + reason + "\"";
    }
}
