package org.cdigateway.socketio.internal.servlet;

import java.io.IOException;
import java.io.InputStream;
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
 * Carries the Socket.IO adapter's long-polling in a WAR: every request goes asynchronous, so that a poll can be held
 * and answered later from another thread without keeping a container thread. The route is the registry's, found at
 * the first request (the gateways are registered when the application starts).
 */
public final class PollingServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PollingServlet.class.getName());

    private transient volatile HttpRoute route;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpRoute r = route();
        if (r == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the engine answers a poll within its ping interval
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
                List<HttpRoute> routes = CDI.current().select(GatewayRegistry.class).get().httpRoutes();
                r = routes.isEmpty() ? null : routes.get(0);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "No gateways to serve long-polling for", e);
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
        protected InputStream bodyStream() throws IOException {
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
            async.complete();
        }
    }
}
