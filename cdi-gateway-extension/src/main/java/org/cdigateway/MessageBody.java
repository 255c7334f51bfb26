package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to the frame's {@code data}, decoded with JSON-B to the parameter's type.
 *
 * <p>
 * With a value, binds that property of {@code data} instead: {@code @MessageBody("room") String room} reads
 * {@code "lobby"} from {@code {"event":"join","data":{"room":"lobby"}}}. A parameter without any annotation that is not
 * a {@link GatewayClient} or {@link jakarta.websocket.Session} is the message body too.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface MessageBody {

    /** The property of {@code data} to bind; empty binds the whole of {@code data}. */
    String value() default "";
}
