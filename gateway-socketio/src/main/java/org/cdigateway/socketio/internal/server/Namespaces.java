package org.cdigateway.socketio.internal.server;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cdigateway.internal.endpoint.DeployedGateway;

/** The Socket.IO server of one application: the gateways by namespace, and the protocol of each namespace. */
final class Namespaces implements EngineConnection.Factory {

    /** What one namespace keeps for recovery at most: the events' text, and clients. */
    static final long RECOVERY_MAX_BYTES = 64L * 1024 * 1024;
    static final int RECOVERY_MAX_CLIENTS = 100_000;

    private final Map<String, DeployedGateway> gateways = new HashMap<>();
    private final Map<String, SocketIoProtocol> protocols = new HashMap<>();

    private final Set<String> roleNames;

    Namespaces(List<DeployedGateway> speaking, SocketIoSettings settings) {
        Set<String> names = new HashSet<>();
        for (DeployedGateway g : speaking) {
            names.addAll(g.roleNames());
            gateways.put(g.namespace(), g);
            Recovery recovery = settings.recoveryWindow() > 0
                    ? new Recovery(settings.recoveryWindow(), RECOVERY_MAX_BYTES, RECOVERY_MAX_CLIENTS)
                    : null;
            SocketIoProtocol protocol = new SocketIoProtocol(g.namespace(), recovery);
            protocols.put(g.namespace(), protocol);
            if (recovery != null) {
                g.record(protocol); // broadcasts are kept with their offsets, whether a member is here or not
            }
        }
        this.roleNames = Set.copyOf(names);
    }

    @Override
    public Set<String> roleNames() {
        return roleNames;
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
