package org.cdigateway.internal.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.cdigateway.internal.endpoint.GatewayRegistry;
import org.cdigateway.internal.endpoint.HttpExchangeBase;
import org.cdigateway.internal.endpoint.HttpRoute;

/**
 * Carries one {@link HttpRoute} of the registry in a WAR, the one with the given path, found at the first request
 * (the registry is published when the application starts): the AsyncAPI document, the Socket.IO adapter's
 * long-polling. Every request goes asynchronous, so that the route may answer it later from another thread without
 * keeping a container thread (a held poll).
 */
public final class RouteServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(RouteServlet.class.getName());

    private final String path;
    private transient volatile HttpRoute route;

    /** @param path the {@link HttpRoute#path()} of the route to carry */
    public RouteServlet(String path) {
        this.path = path;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpRoute r = route();
        if (r == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        AsyncContext async = request.startAsync();
        ServletExchange exchange = new ServletExchange(request, response, async);
        async.addListener(new AsyncListener() {

            @Override
            public void onComplete(AsyncEvent event) {
                // answered
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                exchange.abandoned();
            }

            @Override
            public void onError(AsyncEvent event) {
                exchange.abandoned();
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // nothing to do
            }
        });
        try {
            r.handle(exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Serving " + request.getRequestURI() + " failed", e);
            exchange.respond(500, Map.of(), new byte[0]);
        }
    }

    private HttpRoute route() {
        HttpRoute r = route;
        if (r == null) {
            try {
                r = CDI.current().select(GatewayRegistry.class).get().httpRoutes().stream()
                        .filter(candidate -> candidate.path().equals(path)).findFirst().orElse(null);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "No route to serve " + path, e);
                return null;
            }
            route = r;
        }
        return r;
    }

    private static final class ServletExchange extends HttpExchangeBase {

        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final AsyncContext async;

        ServletExchange(HttpServletRequest request, HttpServletResponse response, AsyncContext async) {
            this.request = request;
            this.response = response;
            this.async = async;
        }

        @Override
        public String method() {
            return request.getMethod();
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
            for (String name : Collections.list(request.getHeaderNames())) {
                headers.put(name, Collections.list(request.getHeaders(name)));
            }
            return Collections.unmodifiableMap(headers);
        }

        @Override
        public String remoteAddress() {
            return request.getRemoteAddr();
        }

        @Override
        public Principal principal() {
            return request.getUserPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            return request.isUserInRole(role);
        }

        @Override
        protected InputStream bodyStream() throws IOException {
            return request.getInputStream();
        }

        @Override
        protected void write(int status, Map<String, String> headers, byte[] body) throws IOException {
            response.setStatus(status);
            headers.forEach(response::setHeader);
            response.setContentLength(body.length);
            if (!"HEAD".equals(request.getMethod())) {
                response.getOutputStream().write(body);
            }
        }

        @Override
        protected void finish() {
            async.complete();
        }
    }
}
