package org.cdigateway.socketio.internal.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cdigateway.internal.endpoint.DeployedGateway;

/** The Socket.IO server of one application: the gateways by namespace, and the protocol of each namespace. */
final class Namespaces implements EngineConnection.Factory {

    private final Map<String, DeployedGateway> gateways = new HashMap<>();
    private final Map<String, SocketIoProtocol> protocols = new HashMap<>();

    Namespaces(List<DeployedGateway> speaking) {
        for (DeployedGateway g : speaking) {
            gateways.put(g.namespace(), g);
            protocols.put(g.namespace(), new SocketIoProtocol(g.namespace()));
        }
    }

    @Override
    public EngineConnection open(EngineSession session) {
        return new SocketIoConnection(session, this);
    }

    /** The gateway of a namespace, or null. */
    DeployedGateway gateway(String namespace) {
        return gateways.get(namespace);
    }

    /** The protocol of a namespace's clients: one per namespace, so a broadcast is framed once. */
    SocketIoProtocol protocol(String namespace) {
        return protocols.get(namespace);
    }
}
