package org.cdigateway.socketio.internal.server;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.cdigateway.internal.client.WebSocketChannel;
import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.socketio.Transport;

/**
 * The WebSocket endpoint of Engine.IO ({@code /socket.io/?EIO=4&transport=websocket}): one instance for the
 * application; a connection is a session of its own, or, with a {@code sid}, the upgrade of a polling session. When
 * the settings serve polling only, every connection is closed at once; origins are refused before, by the endpoint
 * config's configurator.
 */
public final class EngineEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(EngineEndpoint.class.getName());
    private static final String SESSION = EngineSession.class.getName();

    private final Engine engine;

    EngineEndpoint(Engine engine) {
        this.engine = engine;
    }

    @Override
    public void onOpen(Session ws, EndpointConfig config) {
        Map<String, List<String>> query = ws.getRequestParameterMap();
        String refusal = engine.settings.serves(Transport.WEBSOCKET)
                ? refusal(query)
                : "transport websocket is not served";
        if (refusal != null) {
            refuse(ws, refusal);
            return;
        }
        int max = engine.settings.maxPayload();
        ws.setMaxTextMessageBufferSize(max);
        ws.setMaxBinaryMessageBufferSize(max);
        String sid = first(query, "sid");
        if (sid != null) {
            upgrade(ws, sid);
            return;
        }
        Object handshake = ws.getUserProperties().get(HandshakeData.KEY);
        EngineSession session = EngineSession.overWebSocket(engine, ws,
                handshake instanceof HandshakeData h ? h : HandshakeData.EMPTY, WebSocketChannel.remoteAddress(ws));
        ws.getUserProperties().put(SESSION, session);
        ws.addMessageHandler(String.class, (MessageHandler.Whole<String>) session::onText);
        ws.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) session::onBinary);
        session.open();
    }

    /** A WebSocket that upgrades a polling session: it probes, then carries the session. */
    private void upgrade(Session ws, String sid) {
        EngineSession session = engine.session(sid);
        if (session == null || !session.probing(ws)) {
            refuse(ws, session == null ? "Session ID unknown" : "the session is upgraded already");
            return;
        }
        ws.getUserProperties().put(SESSION, session);
        ws.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            if (session.carriedBy(ws)) {
                session.onText(text);
            } else {
                session.onProbeText(ws, text);
            }
        });
        ws.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
            if (session.carriedBy(ws)) {
                session.onBinary(data);
            }
        });
    }

    private static void refuse(Session ws, String refusal) {
        LOG.log(Level.FINE, () -> "Refused an Engine.IO connection: " + refusal);
        try {
            ws.close(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, refusal));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing a refused Engine.IO connection failed", e);
        }
    }

    /** Why a connection's query is not one of Engine.IO v4 over WebSocket; null when it is. */
    static String refusal(Map<String, List<String>> query) {
        String eio = first(query, "EIO");
        if (!"4".equals(eio)) {
            return eio == null ? "EIO is missing" : "EIO " + eio + " is not supported (4 is)";
        }
        String transport = first(query, "transport");
        if (!"websocket".equals(transport)) {
            return transport == null ? "transport is missing" : "transport " + transport + " is not WebSocket";
        }
        return null;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void onClose(Session ws, CloseReason reason) {
        if (ws.getUserProperties().get(SESSION) instanceof EngineSession session) {
            if (session.carriedBy(ws)) {
                session.transportClosed(new CloseReason(reason.getCloseCode(), "transport close"));
            } else {
                session.probeClosed(ws);
            }
        }
    }

    @Override
    public void onError(Session ws, Throwable error) {
        LOG.log(Level.FINE, error, () -> "Engine.IO connection " + ws.getId() + " failed");
    }
}
