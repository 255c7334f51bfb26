package org.cdigateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;

/**
 * Makes a class a WebSocket gateway served at {@link #value()}.
 *
 * <p>
 * A CDI stereotype: the class becomes an {@code @ApplicationScoped} bean even in {@code annotated} discovery (a WAR
 * without {@code beans.xml}), and its {@link SubscribeMessage} methods handle the frames clients send.
 *
 * <pre>{@code
 * @WebSocketGateway("/chat/{room}")
 * public class ChatGateway {
 *     @SubscribeMessage("send_message")
 *     public Ack send(@MessageBody ChatMessage msg, @ConnectedSocket GatewayClient client) { ... }
 * }
 * }</pre>
 */
@Stereotype
@ApplicationScoped
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WebSocketGateway {

    /** The path, relative to the application's context root; a URI template such as {@code /chat/{room}}. */
    String value() default "/";

    /**
     * The protocols the gateway speaks: its own frames at its {@link #value() path} ({@link Adapter#NATIVE}, the
     * default), Socket.IO in its {@link #namespace()} ({@link Adapter#SOCKET_IO}), or both. Clients of either kind
     * are clients of the one gateway: rooms, emits and broadcasts reach both.
     */
    Adapter[] adapter() default Adapter.NATIVE;

    /**
     * The Socket.IO namespace the gateway serves when it speaks Socket.IO, such as {@code /chat}; {@code /} (the
     * main namespace) by default. Several gateways share the Socket.IO endpoint as different namespaces.
     */
    String namespace() default "/";

    /**
     * The application subprotocols the gateway speaks, such as {@code "chat.v2"}. At the handshake the gateway takes
     * the first subprotocol the client offers that is in this list and answers with it; the handler code reads it from
     * {@link GatewayClient#subprotocol()}. A client that offers none of them is accepted without a subprotocol (a guard
     * may refuse it). A client that passes its token as {@code ["bearer", token]} ({@link BearerToken}) gets
     * {@code bearer}: a handshake agrees on one subprotocol only. Each is an HTTP token: letters, digits and
     * {@code !#$%&'*+-.^_`|~}.
     */
    String[] subprotocols() default {};

    /**
     * Whether connections may compress their messages with {@code permessage-deflate} (RFC 7692): {@link Compression#ON}
     * agrees on it with a client that offers it where the container can compress, {@link Compression#OFF} never does,
     * and {@link Compression#DEFAULT} leaves it to the container. It applies to the gateway's own endpoint (the native
     * protocol). The configuration key {@code cdigateway.<gateway class>.compression} overrides it.
     */
    Compression compression() default Compression.DEFAULT;

    /** What to do with a client whose outbound buffer is full; by default it is closed with 1013. */
    SlowConsumer slowConsumer() default SlowConsumer.CLOSE;

    /** The most frames that may wait to be written to one client. */
    int maxQueuedFrames() default 4096;

    /** The most characters (text) or bytes (binary) that may wait to be written to one client. */
    long maxQueuedBytes() default 8L * 1024 * 1024;

    /**
     * The largest message a client may send: characters of a text message, bytes of a binary one. A bigger message
     * closes the connection with 1009.
     */
    int maxMessageSize() default 64 * 1024;

    /**
     * Origins ({@code scheme://host[:port]}) whose browser pages may connect besides the gateway's own; {@code "*"}
     * allows any. A handshake from any other origin is closed with 1008; clients that send no {@code Origin} (not a
     * browser) are always allowed.
     */
    String[] allowedOrigins() default {};

    /**
     * Messages per second one connection may send, in bursts of up to as many; a client that sends more is closed
     * with 4429. 0 means no limit.
     */
    int maxMessagesPerSecond() default 0;

    /** Milliseconds a connection may stay silent before the server closes it; 0 keeps the container's default. */
    long idleTimeout() default 0;

    /** Milliseconds an asynchronous guard may take before its silence counts as a refusal. */
    long guardTimeout() default 10_000;

    /**
     * Milliseconds between the server's WebSocket pings to each client; 0 sends none. A client that does not answer a
     * ping with a pong within {@link #pingTimeout()} is closed and disconnected with 1006 (browsers and WebSocket
     * libraries answer pings by themselves).
     */
    long pingInterval() default 25_000;

    /** Milliseconds a client has to answer a ping. */
    long pingTimeout() default 20_000;

    /**
     * The deepest nesting of arrays and objects a text message may have; a deeper one is answered with
     * {@code BAD_FRAME} before it is parsed.
     */
    int maxNestingDepth() default 64;

    /** Streamed replies ({@code Flow.Publisher}) one connection may have running at once; more are refused. */
    int maxStreamsPerConnection() default 16;

    /** Replies one connection may have waiting for their {@code CompletionStage}; more are refused. */
    int maxPendingRepliesPerConnection() default 64;

    /**
     * Messages one connection may have waiting while an asynchronous guard decides on an earlier one (or on the
     * connection); a client that sends more is closed with 1013.
     */
    int maxWaitingMessages() default 64;

    /**
     * Connections one remote address may hold open on this gateway; more are closed with 1013 at the handshake. 0
     * means no limit. Behind a reverse proxy every connection comes from the proxy's address: raise it or use 0 there.
     * Applies where the container tells the remote address (the embedded runtime, Tyrus and Undertow based servers).
     */
    int maxConnectionsPerAddress() default 256;
}
