package org.cdigateway.internal.rooms;

import org.cdigateway.spi.Broadcast;
import org.cdigateway.spi.Broadcaster;
import org.cdigateway.spi.LocalDelivery;

/** The default broadcaster: delivers every broadcast to the clients of this node, and nowhere else. */
public final class LocalBroadcaster implements Broadcaster {

    private volatile LocalDelivery local;

    @Override
    public void start(LocalDelivery local) {
        this.local = local;
    }

    @Override
    public void broadcast(Broadcast broadcast) {
        LocalDelivery delivery = local;
        if (delivery != null) {
            delivery.deliver(broadcast);
        }
    }
}
