package org.cdigateway.internal.asyncapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cdigateway.internal.endpoint.HttpRoute;

/**
 * Serves the AsyncAPI document of the deployed gateways at {@code GET} (and {@code HEAD}) of its path, as
 * {@code application/json}: generated at the first request, then the same bytes every time.
 */
public final class AsyncApiRoute implements HttpRoute {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8",
            "Cache-Control", "no-cache");

    private final String path;
    private final AsyncApiGenerator generator;
    private final List<Class<?>> gateways;
    private volatile byte[] document;

    public AsyncApiRoute(AsyncApiSettings settings, List<Class<?>> gateways) {
        this(settings, gateways, List.of());
    }

    /** With the application's global guards, whose security schemes protect every gateway. */
    public AsyncApiRoute(AsyncApiSettings settings, List<Class<?>> gateways, List<Class<?>> globalGuards) {
        this.path = settings.path();
        this.generator = new AsyncApiGenerator(settings.title(), settings.version()).globalGuards(globalGuards);
        this.gateways = List.copyOf(gateways);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public void handle(Exchange exchange) {
        String method = exchange.method();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.respond(405, Map.of("Allow", "GET, HEAD"), new byte[0]);
            return;
        }
        exchange.respond(200, JSON, document());
    }

    /** The document as served. */
    public byte[] document() {
        byte[] d = document;
        if (d == null) {
            synchronized (this) {
                d = document;
                if (d == null) {
                    d = AsyncApiGenerator.write(generator.generate(gateways)).getBytes(StandardCharsets.UTF_8);
                    document = d;
                }
            }
        }
        return d;
    }
}
