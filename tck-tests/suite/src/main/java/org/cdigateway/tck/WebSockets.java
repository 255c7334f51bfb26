package org.cdigateway.tck;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;

import org.cdigateway.junit5.client.ClientOptions;
import org.cdigateway.junit5.client.GatewayTestClient;

/** WebSocket addresses of a deployment, from the HTTP base URL Arquillian injects. */
public final class WebSockets {

    private WebSockets() {}

    /** {@code ws://host:port/context/path} for a path relative to the deployment ({@code "chat/lobby"}). */
    public static URI uri(URL base, String path) {
        try {
            URI http = base.toURI();
            String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
            String basePath = http.getPath() == null || http.getPath().isEmpty() ? "/" : http.getPath();
            if (!basePath.endsWith("/")) {
                basePath += "/";
            }
            String relative = path.startsWith("/") ? path.substring(1) : path;
            return URI.create(new URI(scheme, null, http.getHost(), http.getPort(), null, null, null) + basePath
                    + relative);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(base + " is not a valid URI", e);
        }
    }

    /** Connects a test client to a path of the deployment. */
    public static GatewayTestClient connect(URL base, String path) {
        return GatewayTestClient.connect(uri(base, path));
    }

    /** Connects a test client to a path of the deployment, with headers or subprotocols. */
    public static GatewayTestClient connect(URL base, String path, ClientOptions options) {
        return GatewayTestClient.connect(uri(base, path), options);
    }
}
