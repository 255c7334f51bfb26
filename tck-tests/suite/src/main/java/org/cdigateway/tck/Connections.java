package org.cdigateway.tck;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.GatewayTestClient;

/** The test clients a test opened, to close them all after it: {@code @AfterEach void close() { clients.close(); }}. */
public final class Connections implements AutoCloseable {

    private final List<GatewayTestClient> open = new ArrayList<>();

    /** Connects to a path of the deployment at {@code base}. */
    public GatewayTestClient connect(URL base, String path) {
        return connect(base, path, ClientOptions.defaults());
    }

    /** Connects to a path of the deployment at {@code base}, with handshake options. */
    public GatewayTestClient connect(URL base, String path, ClientOptions options) {
        GatewayTestClient client = GatewayTestClient.connect(WebSockets.uri(base, path), options);
        open.add(client);
        return client;
    }

    @Override
    public void close() {
        open.forEach(GatewayTestClient::close);
        open.clear();
    }
}
