package com.example.dashboard;

import jakarta.inject.Inject;

import org.cdigateway.EmitsEvent;
import org.cdigateway.GatewayServer;
import org.cdigateway.OnGatewayInit;
import org.cdigateway.WebSocketGateway;

/** A live dashboard: clients only listen; {@link MetricsTicker} pushes a sample to all of them every second. */
// tag::gateway[]
@WebSocketGateway("/dashboard")
@EmitsEvent(name = "metrics", payload = Metrics.class, description = "A sample of the server's metrics, every second")
public class DashboardGateway implements OnGatewayInit {

    @Inject
    MetricsTicker ticker;

    @Override
    public void afterInit(GatewayServer server) {
        ticker.start(server); // pushes server.emit("metrics", ...) once a second
    }
}
// end::gateway[]
