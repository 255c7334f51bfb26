package org.cdigateway.internal.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.Map;
import java.util.function.Function;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;

/** A client's own Jakarta WebSocket session: the channel of the native protocol. */
public final class WebSocketChannel implements Channel {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Session session;
    private final RemoteEndpoint.Async remote;
    private final Function<Session, String> addressOf;

    /**
     * @param addressOf finds the remote address of a session in the container's own way (Jakarta WebSocket has none)
     */
    public WebSocketChannel(Session session, Function<Session, String> addressOf) {
        this.session = session;
        this.remote = session.getAsyncRemote();
        this.addressOf = addressOf;
    }

    @Override
    public void sendText(String text, SendHandler done) {
        remote.sendText(text, done);
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
}
