package org.cdigateway.spi;

/** Delivers a broadcast to the matching clients connected to this node, whichever gateway of the application it names. */
@FunctionalInterface
public interface LocalDelivery {

    /**
     * Queues the broadcast's frame for each matching client of this node.
     *
     * @return the number of clients it was queued for (0 when no gateway of this application has that path)
     */
    int deliver(Broadcast broadcast);
}
