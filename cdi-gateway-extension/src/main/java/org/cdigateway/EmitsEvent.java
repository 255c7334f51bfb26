package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event that the gateway sends to clients on its own, with {@link GatewayClient#emit} or
 * {@link GatewayServer#emit}, rather than as the reply to a frame. It changes nothing at runtime: it documents the
 * frames {@code {"event":name,"data":payload}} that clients of the gateway may receive, for the AsyncAPI document
 * generated from the gateways.
 *
 * <p>
 * Put it on the gateway class, or on the handler that emits the event; it is repeatable.
 *
 * <pre>{@code
 * @WebSocketGateway("/chat/{room}")
 * @EmitsEvent(name = "joined", payload = String.class)
 * public class ChatGateway {
 *
 *     @SubscribeMessage("send_message")
 *     @EmitsEvent(name = "message", payload = ChatMessage.class)
 *     public MessageAck send(@MessageBody SendMessage msg) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(EmitsEvent.List.class)
public @interface EmitsEvent {

    /** The event name, the frame's {@code event}. */
    String name();

    /** The type of the frame's {@code data}; {@code Void.class} (the default) for an event without data. */
    Class<?> payload() default Void.class;

    /** What the event means, for the document's readers; empty for none. */
    String description() default "";

    /** Holds several {@link EmitsEvent}s on one class or method; written by the compiler. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface List {

        /** The events. */
        EmitsEvent[] value();
    }
}
