package org.cdigateway;

/**
 * A cluster-wide operation ({@link BroadcastOperator#fetchClients()}, {@link GatewayServer#serverSideEmitWithAck}, ...)
 * that could not be completed: a node did not answer within the request timeout, or the other nodes cannot be reached.
 * The message says which. Operations on this node's clients alone never fail with it.
 */
public class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
