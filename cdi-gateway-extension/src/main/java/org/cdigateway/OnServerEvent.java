package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles an event that the same gateway on another node sent with {@link GatewayServer#serverSideEmit} (server to
 * server, not from a client). The method is public, takes at most one parameter, the event's data (read from JSON as
 * the parameter's type), and may return a value: the reply that {@link GatewayServer#serverSideEmitWithAck} collects.
 *
 * <pre>{@code
 * @OnServerEvent("cache-evict")
 * public void evict(String key) { cache.remove(key); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnServerEvent {

    /** The event's name. */
    String value();
}
