package org.cdigateway.bench.soak;

/**
 * The soak gateway's state, as the admin gateway reports it. After a soak, and once the server has seen every
 * connection end, each of {@code clients}, {@code rooms}, {@code activeStreams}, {@code streamsLeftAtDisconnect},
 * {@code openSubscriptions}, {@code liveConnectionScoped} and {@code liveRequestScoped} is 0 and
 * {@code connections == disconnections}.
 *
 * @param clients                 connected clients of the soak gateway
 * @param rooms                   rooms with members
 * @param activeStreams           streamed replies the connected clients still have running (SessionClient)
 * @param streamsLeftAtDisconnect streamed replies still registered when a disconnect ran, summed over disconnects
 * @param openSubscriptions       token subscriptions neither cancelled nor complete
 * @param connections             handleConnection calls
 * @param disconnections          handleDisconnect calls
 * @param liveConnectionScoped    {@code @ConnectionScoped} instances created and not destroyed
 * @param liveRequestScoped       {@code @RequestScoped} instances created and not destroyed
 * @param connectionScoped        {@code @ConnectionScoped} instances created
 * @param requestScoped           {@code @RequestScoped} instances created
 * @param streams                 token subscriptions started
 * @param streamsCancelled        of which cancelled
 * @param streamsCompleted        of which complete
 * @param emits                   emits to a room
 */
public record SoakStats(int clients, int rooms, int activeStreams, long streamsLeftAtDisconnect,
        long openSubscriptions, long connections, long disconnections, long liveConnectionScoped,
        long liveRequestScoped, long connectionScoped, long requestScoped, long streams, long streamsCancelled,
        long streamsCompleted, long emits) {}
