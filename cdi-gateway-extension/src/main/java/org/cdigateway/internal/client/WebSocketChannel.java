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

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final Function<Session, String> addressOf;
    private final Object tyrusSocket; // null where frames are sent the standard way

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
        this.tyrusSocket = TyrusFrames.socketOf(session);
    }

    @Override
    public void sendText(String text, SendHandler done) {
        byte[] bytes = tyrusSocket == null ? null : EncodedText.encode(text);
        if (bytes == null) {
            remote.sendText(text, done);
        } else {
            TyrusFrames.send(tyrusSocket, session, ByteBuffer.wrap(bytes), done);
        }
    }

    @Override
    public void sendEncoded(EncodedText frame, SendHandler done) {
        ByteBuffer bytes = tyrusSocket == null ? null : frame.frame();
        if (bytes == null) {
            remote.sendText(frame.text(), done);
        } else {
            TyrusFrames.send(tyrusSocket, session, bytes, done);
        }
    }

    /** Whether frames shared with other clients are written as their encoded bytes (else as text, per client). */
    public boolean writesEncodedFrames() {
        return tyrusSocket != null;
    }

    @Override
    public boolean writesEncoded() {
        return tyrusSocket != null;
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
