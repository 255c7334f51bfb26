package org.cdigateway.spi;

/** Delivers a broadcast to the matching clients connected to this node, whichever gateway of the application it names. */
public interface LocalDelivery {

    /**
     * Queues the broadcast's frame for each matching client of this node.
     *
     * @return the number of clients it was queued for (0 when no gateway of this application has that path)
     */
    int deliver(Broadcast broadcast);

    /**
     * Performs a cluster-wide operation for the clients connected to this node, on the calling thread; a distributed
     * broadcaster calls it for the requests of the other nodes and sends the answer back.
     *
     * @return this node's answer ({@link ClusterAnswer#NONE} when no gateway of this application has that name)
     */
    default ClusterAnswer perform(ClusterRequest request) {
        throw new UnsupportedOperationException("this delivery performs no cluster operations");
    }

    /** The names of this application's gateways, as broadcasts and requests carry them ({@link Broadcast#gateway()}). */
    default java.util.Set<String> gateways() {
        return java.util.Set.of();
    }
}
