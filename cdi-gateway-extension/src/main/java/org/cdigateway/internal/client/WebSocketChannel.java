package org.cdigateway.internal.client;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Map;
import java.util.function.Function;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import org.cdigateway.internal.endpoint.HandshakeData;

/**
 * A client's own Jakarta WebSocket session: the channel of the native protocol. Jakarta WebSocket has no portable way
 * to learn a session's remote address; the sessions of Tyrus (the embedded runtime, Payara) and of Undertow (WildFly)
 * tell it, found once per session class; elsewhere (Open Liberty) it is the address of the upgrade request, seen
 * during the handshake.
 */
public final class WebSocketChannel implements Channel {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final SendResult WRITTEN = new SendResult();

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final Function<Session, String> addressOf;
    private final TyrusFrames.Connection tyrus; // null where frames are sent the standard way
    private final int maxInFlight;
    private final long maxInFlightSize;

    /**
     * {@code -Dcdigateway.frames-in-flight=n}: how many frames of a client are handed to the container before the first
     * completed, where the container queues overlapping sends in order (Undertow); 1 writes one at a time. 1,024 by
     * default, within {@link #SIZE_IN_FLIGHT}: a broadcast's fan-out on WildFly went from 0.48 to 0.91 of a raw
     * endpoint's deliveries per second with 32 against 8; with 32, members whose connection's thread got the core less
     * often than the broadcasting one fell behind by thousands of frames (the next frame is handed from the completion
     * of one in flight), which 1,024 did not.
     */
    static final String IN_FLIGHT = "cdigateway.frames-in-flight";
    static final int DEFAULT_IN_FLIGHT = 1024;
    /**
     * {@code -Dcdigateway.bytes-in-flight=n}: how large a client's frames in flight may be together (characters of text,
     * bytes of binary, as the buffer's bounds count them; one frame goes however large): 256 KiB by default.
     */
    static final String SIZE_IN_FLIGHT = "cdigateway.bytes-in-flight";
    static final long DEFAULT_SIZE_IN_FLIGHT = 256 * 1024;

    private static final ClassValue<MethodHandle> REMOTE = new ClassValue<>() {

        @Override
        protected MethodHandle computeValue(Class<?> type) {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            try { // Tyrus
                return lookup.findVirtual(type, "getRemoteAddr", MethodType.methodType(String.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not Tyrus
            }
            try { // Undertow: session.getWebSocketChannel().getSourceAddress()
                MethodHandle channel = lookup.findVirtual(type, "getWebSocketChannel",
                        MethodType.methodType(Class.forName("io.undertow.websockets.core.WebSocketChannel", false,
                                type.getClassLoader())));
                MethodHandle source = lookup.findVirtual(channel.type().returnType(), "getSourceAddress",
                        MethodType.methodType(InetSocketAddress.class));
                return MethodHandles.filterReturnValue(channel, source);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    };

    /**
     * @param addressOf finds the remote address of a session in the container's own way (Jakarta WebSocket has none)
     */
    public WebSocketChannel(Session session, Function<Session, String> addressOf) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.addressOf = addressOf;
        this.tyrus = TyrusFrames.connectionOf(session);
        boolean overlaps = tyrus == null && overlapsSends(session);
        this.maxInFlight = overlaps ? (int) property(IN_FLIGHT, DEFAULT_IN_FLIGHT) : 1;
        this.maxInFlightSize = overlaps ? property(SIZE_IN_FLIGHT, DEFAULT_SIZE_IN_FLIGHT) : Long.MAX_VALUE;
    }

    @Override
    public void sendText(String text, SendHandler done) {
        if (writeText(text, done)) {
            done.onResult(WRITTEN);
        }
    }

    @Override
    public void sendEncoded(EncodedText frame, SendHandler done) {
        if (writeEncoded(frame, done)) {
            done.onResult(WRITTEN);
        }
    }

    @Override
    public boolean write(Object frame, SendHandler done) {
        if (frame instanceof EncodedText e) {
            return writeEncoded(e, done);
        }
        if (frame instanceof String text) {
            return writeText(text, done);
        }
        remote.sendBinary((ByteBuffer) frame, done);
        return false;
    }

    private boolean writeText(String text, SendHandler done) {
        byte[] bytes = tyrus == null ? null : EncodedText.encode(text);
        if (bytes == null) {
            remote.sendText(text, done);
            return false;
        }
        return tyrus.send(session, ByteBuffer.wrap(bytes), done);
    }

    private boolean writeEncoded(EncodedText frame, SendHandler done) {
        ByteBuffer bytes = tyrus == null ? null : frame.frame();
        if (bytes == null) {
            remote.sendText(frame.text(), done);
            return false;
        }
        return tyrus.send(session, bytes, done);
    }

    @Override
    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    public long maxInFlightSize() {
        return maxInFlightSize;
    }

    /**
     * Whether the container takes a session's sends while earlier ones are in progress, writes them in order and
     * completes them in order: Undertow does (and may then write several frames in one system call); Tomcat refuses
     * such a send, and others are not known to take it.
     */
    static boolean overlapsSends(Session session) {
        return session.getClass().getName().startsWith("io.undertow.");
    }

    /** A positive number from a system property, or its default (unset, not a number, or out of range). */
    private static long property(String name, long otherwise) {
        String value = System.getProperty(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Math.max(1, Math.min(Integer.MAX_VALUE, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** Whether frames shared with other clients are written as their encoded bytes (else as text, per client). */
    public boolean writesEncodedFrames() {
        return tyrus != null;
    }

    /** Whether those frames go straight to the runtime's writer of the connection ({@link FrameSink}). */
    public boolean writesToFrameSink() {
        return tyrus != null && tyrus.sink() != null;
    }

    @Override
    public boolean writesEncoded() {
        return tyrus != null;
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler done) {
        remote.sendBinary(data, done);
    }

    @Override
    public boolean ping() throws IOException {
        remote.sendPing(EMPTY.duplicate());
        return true;
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close(CloseReason reason) throws IOException {
        session.close(reason);
    }

    @Override
    public Map<String, String> pathParameters() {
        return session.getPathParameters();
    }

    @Override
    public Principal userPrincipal() {
        return session.getUserPrincipal();
    }

    @Override
    public String subprotocol() {
        return session.getNegotiatedSubprotocol();
    }

    @Override
    public String remoteAddress() {
        return addressOf.apply(session);
    }

    @Override
    public Session session() {
        return session;
    }

    /** The remote address of a session (host only), or null when the container does not tell it. */
    public static String remoteAddress(Session session) {
        MethodHandle h = REMOTE.get(session.getClass());
        if (h == null) {
            return session.getUserProperties().get(HandshakeData.KEY) instanceof HandshakeData d ? d.address() : null;
        }
        try {
            Object address = h.invoke(session);
            if (address instanceof InetSocketAddress a) {
                return a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
            }
            return address == null ? null : address.toString();
        } catch (Throwable t) {
            return null;
        }
    }
}
