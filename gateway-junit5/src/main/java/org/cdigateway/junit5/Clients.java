package org.cdigateway.junit5;

import java.util.ArrayList;
import java.util.List;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.GatewayTestClient;
import org.cdigateway.se.GatewayRuntime;

/** Connects test clients to the runtime of a {@link GatewayTest}; every client it made is closed after the test. */
public final class Clients implements AutoCloseable {

    private final GatewayRuntime runtime;
    private final List<GatewayTestClient> open = new ArrayList<>();

    Clients(GatewayRuntime runtime) {
        this.runtime = runtime;
    }

    /** A client connected to {@code path} (such as {@code /chat/lobby?token=x}). */
    public GatewayTestClient connect(String path) {
        return connect(path, ClientOptions.defaults());
    }

    /** A client connected to {@code path} with headers or subprotocols. */
    public GatewayTestClient connect(String path, ClientOptions options) {
        GatewayTestClient client = GatewayTestClient.connect(runtime.wsUri(path), options);
        synchronized (open) {
            open.add(client);
        }
        return client;
    }

    /** Forgets a client that the test closed itself, so that long loops do not keep it. */
    public void forget(GatewayTestClient client) {
        synchronized (open) {
            open.remove(client);
        }
    }

    /** The runtime the clients connect to. */
    public GatewayRuntime runtime() {
        return runtime;
    }

    @Override
    public void close() {
        List<GatewayTestClient> clients;
        synchronized (open) {
            clients = List.copyOf(open);
            open.clear();
        }
        clients.forEach(GatewayTestClient::close);
    }
}
