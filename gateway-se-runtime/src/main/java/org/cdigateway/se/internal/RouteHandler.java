package org.cdigateway.se.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.cdigateway.internal.endpoint.HttpExchangeBase;
import org.cdigateway.internal.endpoint.HttpRoute;
import org.cdigateway.se.HandshakeAuthenticator;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Carries an adapter's {@link HttpRoute} on Grizzly: every request is suspended, so that the route may answer it later
 * from another thread (a held poll) without keeping a worker.
 */
final class RouteHandler extends HttpHandler {

    private static final Logger LOG = Logger.getLogger(RouteHandler.class.getName());

    private final HttpRoute route;
    private final HandshakeAuthenticator authenticator;

    RouteHandler(HttpRoute route, HandshakeAuthenticator authenticator) {
        this.route = route;
        this.authenticator = authenticator;
    }

    @Override
    public void service(Request request, Response response) {
        GrizzlyExchange exchange = new GrizzlyExchange(request, response);
        if (authenticator != null) {
            try {
                exchange.identity = TyrusHttpHost.identify(authenticator, exchange.headers(), exchange.query());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The authenticator failed for a request to " + route.path(), e);
                response.setStatus(500);
                return;
            }
        }
        response.suspend(-1, java.util.concurrent.TimeUnit.MILLISECONDS, new CompletionHandler<Response>() {

            @Override
            public void cancelled() {
                exchange.abandoned();
            }

            @Override
            public void failed(Throwable throwable) {
                exchange.abandoned();
            }

            @Override
            public void completed(Response result) {
                // answered
            }

            @Override
            public void updated(Response result) {
                // nothing to do
            }
        });
        try {
            route.handle(exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The route " + route.path() + " failed", e);
            exchange.respond(500, Map.of(), new byte[0]);
        }
    }

    private static final class GrizzlyExchange extends HttpExchangeBase {

        private final Request request;
        private final Response response;
        private HandshakeAuthenticator.Identity identity;

        @Override
        public Principal principal() {
            return identity == null ? null : identity.principal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return identity != null && identity.roles().contains(role);
        }

        GrizzlyExchange(Request request, Response response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public String method() {
            return request.getMethod().getMethodString();
        }

        @Override
        public String query() {
            return request.getQueryString();
        }

        @Override
        public String header(String name) {
            return request.getHeader(name);
        }

        @Override
        public Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String name : request.getHeaderNames()) {
                List<String> values = new ArrayList<>();
                request.getHeaders(name).forEach(values::add);
                headers.put(name, values);
            }
            return Collections.unmodifiableMap(headers);
        }

        @Override
        public String remoteAddress() {
            return request.getRemoteAddr();
        }

        @Override
        protected InputStream bodyStream() {
            return request.getInputStream();
        }

        @Override
        protected void write(int status, Map<String, String> headers, byte[] body) throws IOException {
            response.setStatus(status);
            headers.forEach(response::setHeader);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }

        @Override
        protected void finish() {
            response.resume();
        }
    }
}
