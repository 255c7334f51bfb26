package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.NormalScope;

/**
 * One instance per WebSocket connection: a bean in this scope lives as long as the connection, and is destroyed
 * (its {@code @PreDestroy} runs) after the connection's {@link OnGatewayDisconnect#handleDisconnect}.
 *
 * <pre>{@code
 * @ConnectionScoped
 * public class Conversation {
 *     private final List<String> history = new ArrayList<>();
 *     ...
 * }
 * }</pre>
 *
 * The context is active while a gateway handles something of that connection on the current thread: guards,
 * lifecycle methods, handlers, filters. Work a handler hands to another thread sees no connection context.
 */
@NormalScope
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
public @interface ConnectionScoped {
}
