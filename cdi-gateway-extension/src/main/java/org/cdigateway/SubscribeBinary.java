package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles binary frames. A gateway has at most one binary handler; without one, a binary frame closes the connection
 * with 1003 (unsupported data).
 *
 * <p>
 * The payload parameter is a {@code byte[]} or a {@link java.nio.ByteBuffer}; {@link ConnectedSocket} and
 * {@link jakarta.websocket.server.PathParam} parameters work as in text handlers. A {@code byte[]} or
 * {@code ByteBuffer} return value is sent back as a binary frame; any other non-null value as a text frame with the
 * event {@code "binary"}.
 *
 * <pre>{@code
 * @SubscribeBinary
 * public byte[] upload(byte[] chunk, @ConnectedSocket GatewayClient client) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SubscribeBinary {
}
