package org.cdigateway.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Carries every emit to rooms, to client ids and to all clients of a gateway. The default delivers on this node only;
 * a distributed implementation (such as Redis pub/sub) also publishes each broadcast to the other nodes, and delivers
 * what they publish through the same {@link LocalDelivery}. Gateways do not change when the broadcaster does.
 *
 * <p>
 * To replace the default, make an implementation a CDI bean of the application (for example
 * {@code @ApplicationScoped}); there must be at most one.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class RedisBroadcaster implements Broadcaster {
 *     private LocalDelivery local;
 *     public void start(LocalDelivery local) { this.local = local; subscribe(msg -> local.deliver(decode(msg))); }
 *     public void broadcast(Broadcast b) { local.deliver(b); publish(encode(b)); }
 * }
 * }</pre>
 */
public interface Broadcaster {

    /** Called once, before the first broadcast, with the delivery to the clients connected to this node. */
    default void start(LocalDelivery local) {}

    /**
     * Delivers a broadcast to its clients on this node (through the {@link LocalDelivery} given to {@link #start}) and,
     * for a distributed broadcaster, to the other nodes. Called on the thread that emits: it must not block on I/O.
     */
    void broadcast(Broadcast broadcast);

    /**
     * Asks the other nodes to perform a cluster-wide operation for their clients, and collects their answers (this node
     * performs it itself). Called on any thread; it must not block. The stage completes once every node known to be
     * alive answered, or fails with a {@link org.cdigateway.ClusterException} when one did not answer in time or the
     * other nodes cannot be reached. The default has no other nodes: no answers.
     */
    default CompletionStage<List<ClusterAnswer>> request(ClusterRequest request) {
        return CompletableFuture.completedFuture(List.of());
    }

    /**
     * Whether the other nodes can be reached now, for the application's readiness check: a broadcaster through a
     * message broker says whether it is connected to it. The default, this node only, always can.
     */
    default boolean connected() {
        return true;
    }

    /**
     * Broadcasts of this node that did not reach the other nodes since the start (the broker could not be reached),
     * for the application's metrics. The default, this node only, loses none.
     */
    default long unpublished() {
        return 0;
    }

    /**
     * Broadcasts of other nodes that did not reach this node since the start, as far as this broadcaster can tell, for
     * the application's metrics. The default, this node only, misses none.
     */
    default long missed() {
        return 0;
    }

    /** Called once when the application stops. */
    default void stop() {}
}
