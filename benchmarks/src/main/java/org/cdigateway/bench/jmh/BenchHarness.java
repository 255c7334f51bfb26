package org.cdigateway.bench.jmh;

import jakarta.websocket.Endpoint;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.bench.server.BenchGateway;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.internal.endpoint.GatewayEndpoint;
import org.cdigateway.internal.extension.GatewayExtension;
import org.cdigateway.se.GatewayRuntime;

/** The bench gateway deployed on the embedded runtime, with connections made of {@link StubSession}s. */
final class BenchHarness implements AutoCloseable {

    final GatewayRuntime runtime;
    private final DeployedGateway gateway;
    private final Endpoint endpoint;

    BenchHarness() throws Exception {
        String telemetry = System.getProperty("bench.telemetry");
        if (telemetry != null && !telemetry.isEmpty()) {
            BenchTelemetry.install(telemetry);
        }
        runtime = GatewayRuntime.builder().port(0).beanClasses(BenchGateway.class).start();
        gateway = runtime.beanManager().getExtension(GatewayExtension.class).registry().gateways().get(0);
        ServerEndpointConfig config = gateway.endpointConfig();
        endpoint = config.getConfigurator().getEndpointInstance(GatewayEndpoint.class);
    }

    /** Opens a connection to the gateway; returns its text handler. */
    MessageHandler.Partial<String> open(StubSession session) {
        endpoint.onOpen(session, gateway.endpointConfig());
        return session.textHandler();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
