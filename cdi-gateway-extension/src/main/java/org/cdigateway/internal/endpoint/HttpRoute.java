package org.cdigateway.internal.endpoint;

import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * Plain HTTP requests a protocol adapter serves besides its WebSocket endpoints (Engine.IO's long-polling), in a way
 * both the embedded runtime (a Grizzly handler) and a WAR (a servlet) can carry: a request may be answered at once or
 * held and answered later, from another thread.
 */
public interface HttpRoute {

    /** The path it serves, such as {@code /socket.io/}: the path and everything under it. */
    String path();

    /** Serves one request; {@link Exchange#respond} answers it, now or later, exactly once. */
    void handle(Exchange exchange);

    /** One HTTP request and its response. */
    interface Exchange {

        String method();

        /** The raw query string, or null. */
        String query();

        /** The query parameters, decoded. */
        Map<String, List<String>> queryParameters();

        /** The first value of a header, or null. */
        String header(String name);

        /** Every header with its values. */
        Map<String, List<String>> headers();

        /** The client's address, or null. */
        String remoteAddress();

        /** The principal the container authenticated for this request, or null. */
        default Principal principal() {
            return null;
        }

        /** Whether the container says the authenticated client of this request is in {@code role}. */
        default boolean isUserInRole(String role) {
            return false;
        }

        /**
         * The request body, read whole.
         *
         * @throws IOException when it cannot be read, or is longer than {@code max} bytes
         */
        byte[] body(int max) throws IOException;

        /**
         * Answers the request (once; later calls are ignored).
         *
         * @param headers more response headers (content type included)
         */
        void respond(int status, Map<String, String> headers, byte[] body);

        /** Runs {@code action} if the client goes away before the request was answered. */
        void onAbandoned(Runnable action);
    }
}
