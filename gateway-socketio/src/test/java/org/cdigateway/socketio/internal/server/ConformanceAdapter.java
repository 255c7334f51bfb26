package org.cdigateway.socketio.internal.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import jakarta.websocket.CloseReason;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.Adapter;
import org.cdigateway.internal.deployment.DeploymentProblems;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.internal.endpoint.HttpRoute;
import org.cdigateway.internal.endpoint.ProtocolAdapter;

/**
 * The Socket.IO adapter as the conformance server runs it: the adapter itself, and beside it, at {@code /engine.io/},
 * a bare Engine.IO endpoint (no Socket.IO) that echoes every message back on its session, text as text and binary as
 * binary, with the same settings. The public Engine.IO test suite talks to that one.
 */
public final class ConformanceAdapter implements ProtocolAdapter {

    /** Where the echo endpoint is served. */
    public static final String ECHO_PATH = "/engine.io/";

    private final SocketIoAdapter socketIo = new SocketIoAdapter();
    private volatile Engine echo;

    @Override
    public Adapter adapter() {
        return Adapter.SOCKET_IO;
    }

    @Override
    public void check(List<Class<?>> gateways, DeploymentProblems problems) {
        socketIo.check(gateways, problems);
    }

    @Override
    public List<ServerEndpointConfig> endpoints(List<DeployedGateway> gateways) {
        List<ServerEndpointConfig> all = new ArrayList<>(socketIo.endpoints(gateways));
        Engine e = new Engine(SocketIoAdapter.settings(gateways), ECHO_PATH, Echo::new);
        echo = e;
        all.add(SocketIoAdapter.endpointConfig(e));
        return all;
    }

    @Override
    public List<HttpRoute> httpRoutes() {
        List<HttpRoute> all = new ArrayList<>(socketIo.httpRoutes());
        all.add(new PollingRoute(echo));
        return all;
    }

    @Override
    public long largestMessage() {
        return socketIo.largestMessage();
    }

    @Override
    public void shutdown() {
        socketIo.shutdown();
        Engine e = echo;
        if (e != null) {
            e.shutdown();
        }
    }

    /** Echoes a session's messages. */
    private record Echo(EngineSession session) implements EngineConnection {

        @Override
        public void text(String data) {
            session.send("4" + data, null);
        }

        @Override
        public void binary(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
            session.sendBinary(copy);
        }

        @Override
        public void closed(CloseReason reason) {
            // nothing held
        }
    }
}
