package org.cdigateway.bench.jmh;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

/**
 * A WebSocket session without a socket, for measuring the gateway's own work: messages are handed in by calling the
 * handlers it registered, and every send completes at once (its text is kept so that it cannot be optimised away).
 */
final class StubSession implements Session {

    private final String id;
    private final Map<String, Object> userProperties = new HashMap<>();
    private final Map<Class<?>, MessageHandler> handlers = new HashMap<>();
    private final Async async = new Async();
    private boolean open = true;
    long sent;
    int lastLength;

    StubSession(String id) {
        this.id = id;
    }

    @SuppressWarnings("unchecked")
    MessageHandler.Partial<String> textHandler() {
        return (MessageHandler.Partial<String>) handlers.get(String.class);
    }

    private final class Async implements RemoteEndpoint.Async {

        @Override
        public void sendText(String text, SendHandler handler) {
            sent++;
            lastLength = text.length();
            handler.onResult(new SendResult());
        }

        @Override
        public void sendBinary(ByteBuffer data, SendHandler handler) {
            sent++;
            handler.onResult(new SendResult());
        }

        @Override
        public Future<Void> sendText(String text) {
            sent++;
            lastLength = text.length();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Future<Void> sendBinary(ByteBuffer data) {
            sent++;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Future<Void> sendObject(Object data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendObject(Object data, SendHandler handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getSendTimeout() {
            return 0;
        }

        @Override
        public void setSendTimeout(long timeoutmillis) {}

        @Override
        public void setBatchingAllowed(boolean allowed) {}

        @Override
        public boolean getBatchingAllowed() {
            return false;
        }

        @Override
        public void flushBatch() {}

        @Override
        public void sendPing(ByteBuffer applicationData) {}

        @Override
        public void sendPong(ByteBuffer applicationData) {}
    }

    @Override
    public RemoteEndpoint.Async getAsyncRemote() {
        return async;
    }

    @Override
    public void addMessageHandler(MessageHandler handler) {
        throw new UnsupportedOperationException("the gateway registers typed handlers");
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Whole<T> handler) {
        handlers.put(type, handler);
    }

    @Override
    public <T> void addMessageHandler(Class<T> type, MessageHandler.Partial<T> handler) {
        handlers.put(type, handler);
    }

    @Override
    public Map<String, Object> getUserProperties() {
        return userProperties;
    }

    @Override
    public Map<String, String> getPathParameters() {
        return Map.of();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public void close(CloseReason closeReason) {
        open = false;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getNegotiatedSubprotocol() {
        return "";
    }

    @Override
    public Principal getUserPrincipal() {
        return null;
    }

    @Override
    public WebSocketContainer getContainer() {
        return null;
    }

    @Override
    public Set<MessageHandler> getMessageHandlers() {
        return Set.copyOf(handlers.values());
    }

    @Override
    public void removeMessageHandler(MessageHandler handler) {
        handlers.values().remove(handler);
    }

    @Override
    public String getProtocolVersion() {
        return "13";
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public long getMaxIdleTimeout() {
        return 0;
    }

    @Override
    public void setMaxIdleTimeout(long milliseconds) {}

    @Override
    public void setMaxBinaryMessageBufferSize(int length) {}

    @Override
    public int getMaxBinaryMessageBufferSize() {
        return 0;
    }

    @Override
    public void setMaxTextMessageBufferSize(int length) {}

    @Override
    public int getMaxTextMessageBufferSize() {
        return 0;
    }

    @Override
    public RemoteEndpoint.Basic getBasicRemote() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Extension> getNegotiatedExtensions() {
        return List.of();
    }

    @Override
    public URI getRequestURI() {
        return URI.create("ws://127.0.0.1/bench");
    }

    @Override
    public Map<String, List<String>> getRequestParameterMap() {
        return Map.of();
    }

    @Override
    public String getQueryString() {
        return null;
    }

    @Override
    public Set<Session> getOpenSessions() {
        return Set.of(this);
    }

}
