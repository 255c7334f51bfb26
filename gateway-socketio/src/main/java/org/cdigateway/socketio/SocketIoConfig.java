package org.cdigateway.socketio;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Configures the Socket.IO endpoint from a gateway that speaks Socket.IO.
 *
 * <p>
 * One endpoint serves every namespace, so these are the settings of all the Socket.IO gateways of the application:
 * put the annotation on one of them, or give the same value wherever a member is set twice (different values fail the
 * deployment). A member left at its default takes the MicroProfile Config key {@code cdigateway.socketio.<key>} (or
 * the system property of that name), else the default given below. A key that is set overrides the annotation, as
 * MicroProfile Config does for the defaults of annotations.
 *
 * <pre>{@code
 * @WebSocketGateway(adapter = Adapter.SOCKET_IO, namespace = "/chat")
 * @SocketIoConfig(pingInterval = 10_000, allowedOrigins = "https://app.example", transports = Transport.WEBSOCKET)
 * public class ChatGateway { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SocketIoConfig {

    /** Where Engine.IO is served, such as {@code /socket.io/} (the default); key {@code path}. */
    String path() default "";

    /** Milliseconds between the server's pings, 25000 by default; key {@code ping-interval}. */
    long pingInterval() default -1;

    /** Milliseconds a client has to answer a ping before it is disconnected, 20000 by default; key {@code ping-timeout}. */
    long pingTimeout() default -1;

    /** The largest Engine.IO message, in characters or bytes, 1000000 by default; key {@code max-payload}. */
    int maxPayload() default -1;

    /** Milliseconds a new connection has to connect to a namespace, 45000 by default; key {@code connect-timeout}. */
    long connectTimeout() default -1;

    /** Binary attachments one packet may announce, 10 by default; key {@code max-attachments}. */
    int maxAttachments() default -1;

    /**
     * Origins ({@code scheme://host[:port]}) whose browser pages may connect, the application's own included;
     * {@code "*"} (the default) allows any. A polling request from any other origin is answered 403, a WebSocket
     * handshake refused; clients that send no {@code Origin} (not a browser) are always allowed. Key
     * {@code allowed-origins}, a comma-separated list.
     */
    String[] allowedOrigins() default {};

    /**
     * The transports served, both by default. With WebSocket only, a polling request is answered 400; with polling
     * only, WebSocket connections are refused and the handshake offers no upgrade. Key {@code transports}, such as
     * {@code polling,websocket}.
     */
    Transport[] transports() default {};

    /**
     * Milliseconds a disconnected client may come back within and recover its session (connection state recovery);
     * 0, the default, turns recovery off. Key {@code recovery-window}.
     */
    long recoveryWindow() default -1;
}
