package org.cdigateway.tck.scale;

import jakarta.inject.Inject;

import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Reports the state of {@link ScaleGateway} on its own path, so that asking does not count as a connection there. */
@WebSocketGateway("/scale-probe")
public class ScaleProbeGateway {

    @Inject
    ScaleCounters counters;

    @SubscribeMessage("stats")
    public Stats stats() {
        return counters.stats();
    }
}
