package org.cdigateway.bench.soak;

import jakarta.inject.Inject;

import org.cdigateway.Gateway;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.client.SessionClient;

/**
 * Reports the soak gateway's counters on a path of its own, so that asking for them changes none of them:
 * {@code {"event":"stats"}} is answered with {@code {"event":"stats","data":<SoakStats>}}.
 */
@WebSocketGateway("/soak-admin")
public class SoakAdminGateway {

    @Inject
    @Gateway(SoakGateway.class)
    GatewayServer soak;

    @Inject
    Tallies tallies;

    @SubscribeMessage("stats")
    public SoakStats stats() {
        int activeStreams = 0;
        for (GatewayClient client : soak.clients()) {
            if (client instanceof SessionClient c) {
                activeStreams += c.activeStreams();
            }
        }
        return tallies.snapshot(soak.clientCount(), soak.rooms().size(), activeStreams);
    }
}
