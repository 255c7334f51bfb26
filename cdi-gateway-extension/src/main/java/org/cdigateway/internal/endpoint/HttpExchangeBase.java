package org.cdigateway.internal.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every carrier of an {@link HttpRoute} does alike (Grizzly on the embedded runtime, a servlet in a WAR): the
 * query decoded, the body read within its limit, one answer at most, and the abandoned request told once. A carrier
 * gives the raw parts of its request and response.
 */
public abstract class HttpExchangeBase implements HttpRoute.Exchange {

    private static final Logger LOG = Logger.getLogger(HttpExchangeBase.class.getName());

    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile Runnable onAbandoned;

    /** The request body as the carrier reads it. */
    protected abstract InputStream bodyStream() throws IOException;

    /** Writes status, headers and body into the carrier's response. */
    protected abstract void write(int status, Map<String, String> headers, byte[] body) throws IOException;

    /** Ends the carrier's held response, after {@link #write} or when writing failed. */
    protected abstract void finish();

    @Override
    public Map<String, List<String>> queryParameters() {
        return HandshakeData.parseQuery(query());
    }

    @Override
    public byte[] body(int max) throws IOException {
        try (InputStream in = bodyStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw new IOException("The body is longer than " + max + " bytes");
            }
            return body;
        }
    }

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        try {
            write(status, headers, body);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Answering a request failed", e);
        } finally {
            try {
                finish();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Ending a response failed", e);
            }
        }
    }

    @Override
    public void onAbandoned(Runnable action) {
        onAbandoned = action;
    }

    /** The client went away (or the carrier gave up) before the request was answered: tells the route, once. */
    public void abandoned() {
        if (answered.compareAndSet(false, true)) {
            Runnable r = onAbandoned;
            if (r != null) {
                r.run();
            }
        }
    }
}
