package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles text frames whose {@code event} equals {@link #value()}.
 *
 * <p>
 * {@code "*"} handles any event that has no handler of its own. The method must be public and not final or static.
 *
 * <pre>{@code
 * @SubscribeMessage("join")
 * public WsResponse<Room> join(@MessageBody("room") String room, @ConnectedSocket GatewayClient client) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SubscribeMessage {

    /** The catch-all event name: handles every event without a handler of its own. */
    String ANY = "*";

    /** The event name this method handles. */
    String value();
}
