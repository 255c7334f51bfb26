package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Binds guards, in the order given, to a gateway or to one handler method.
 *
 * <p>
 * On a gateway class the guards run when a client connects (a refusal closes the connection with 4401 or 4403
 * before {@link OnGatewayConnection#handleConnection} runs) and again before every message. On a handler method they
 * run before that method's messages (a refusal answers with a {@code FORBIDDEN} error frame; the connection stays
 * open). {@link Global} guards run first, then the class's, then the method's.
 *
 * <pre>{@code
 * @WebSocketGateway("/admin")
 * @UseGuards(TokenGuard.class)
 * public class AdminGateway {
 *     @SubscribeMessage("purge")
 *     @UseGuards(RolesGuard.class)
 *     @Roles("admin")
 *     public void purge(...) { ... }
 * }
 * }</pre>
 *
 * It is a CDI interceptor binding: on a method of any other bean, called while a gateway message is being handled,
 * the guards run against that message's {@link ExecutionContext}.
 */
@InterceptorBinding
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface UseGuards {

    /** The guard beans, run in this order; the first refusal stops the others. */
    @Nonbinding
    Class<? extends Guard>[] value();
}
