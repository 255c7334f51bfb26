package org.cdigateway.se.internal;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.internal.endpoint.HandshakeData;
import org.cdigateway.internal.endpoint.HttpRoute;
import org.cdigateway.se.HandshakeAuthenticator;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.container.grizzly.server.GrizzlyServerContainer;
import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.DebugContext;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.core.Utils;
import org.glassfish.tyrus.core.cluster.ClusterContext;
import org.glassfish.tyrus.core.monitoring.ApplicationEventListener;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Hosts the Tyrus WebSocket engine on our own Grizzly {@link HttpServer}, so that a single listener serves both the
 * WebSocket endpoints and static files on the same port.
 *
 * <p>
 * Why this class exists: Tyrus's stock {@code org.glassfish.tyrus.server.Server} (via
 * {@link GrizzlyServerContainer}) always binds {@code 0.0.0.0} and serves no plain HTTP besides a single static
 * directory, and the pieces it uses to attach the engine to Grizzly ({@code WebSocketAddOn}'s constructor and
 * {@code GrizzlyServerFilter}) are package-private in Tyrus 2.1.x. So we build the same arrangement ourselves from
 * public parts: a {@link TyrusWebSocketEngine} owned by a small {@link TyrusServerContainer} subclass, a Grizzly
 * {@link AddOn} that inserts {@link UpgradeFilter} in front of Grizzly's {@link HttpServerFilter} (it hands WebSocket
 * upgrade requests and the frames that follow to the engine, everything else goes on to the HTTP handlers), and a
 * static-content {@link HttpHandler} mapped on {@code /}. The listener binds only the host it is given.
 *
 * <p>
 * Threads: Grizzly selector ({@code cdi-gateway-selector(n)}), worker ({@code cdi-gateway-worker(n)}) and helper
 * threads and Tyrus's executor threads ({@code tyrus-n-thread-m}) are all daemon threads, so an open host does not by
 * itself keep the JVM alive; a {@code main()} that wants to keep serving must block on something. {@link #close()} stops
 * them.
 */
public final class TyrusHttpHost implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TyrusHttpHost.class.getName());

    /** The property that carries the {@link HandshakeAuthenticator}, if any. */
    public static final String AUTHENTICATOR = "org.cdigateway.se.authenticator";

    /** Context path of the WebSocket application: endpoints are served at their own paths, from the root. */
    private static final String CONTEXT_PATH = "";
    private static final String LISTENER_NAME = "cdi-gateway";
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;

    /**
     * A static-content root: a filesystem directory or a classpath prefix (e.g. "META-INF/resources").
     *
     * @param directory the directory served (absolute, normalised), or {@code null} for a classpath root
     * @param classpathPrefix the resource-name prefix served (no leading or trailing '/'; "" = the whole class path), or
     *        {@code null} for a directory root
     * @param loader the class loader the classpath resources are loaded from ({@code null} for a directory root)
     */
    public record StaticRoot(Path directory, String classpathPrefix, ClassLoader loader) {

        public StaticRoot {
            if ((directory == null) == (classpathPrefix == null)) {
                throw new IllegalArgumentException("exactly one of directory and classpathPrefix must be given");
            }
            if (directory != null) {
                directory = directory.toAbsolutePath().normalize();
                loader = null;
            } else {
                classpathPrefix = trimSlashes(classpathPrefix);
                if (loader == null) {
                    loader = TyrusHttpHost.class.getClassLoader();
                }
            }
        }

        /** A filesystem directory served from {@code /}. */
        public static StaticRoot directory(Path dir) {
            return new StaticRoot(Objects.requireNonNull(dir, "dir"), null, null);
        }

        /**
         * Classpath resources under {@code prefix} served from {@code /}; {@code loader} {@code null} means this class's
         * loader.
         */
        public static StaticRoot classpath(String prefix, ClassLoader loader) {
            return new StaticRoot(null, Objects.requireNonNull(prefix, "prefix"), loader);
        }

        private static String trimSlashes(String s) {
            int from = 0;
            int to = s.length();
            while (from < to && s.charAt(from) == '/') {
                from++;
            }
            while (to > from && s.charAt(to - 1) == '/') {
                to--;
            }
            return s.substring(from, to);
        }
    }

    private final String host;
    private final HttpServer server;
    private final NetworkListener listener;
    private final HostContainer container;
    private final UpgradeFilter upgradeFilter;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TyrusHttpHost(String host, HttpServer server, NetworkListener listener, HostContainer container,
            UpgradeFilter upgradeFilter) {
        this.host = host;
        this.server = server;
        this.listener = listener;
        this.container = container;
        this.upgradeFilter = upgradeFilter;
        this.port = listener.getPort();
    }

    /**
     * Starts a Grizzly HttpServer bound to host:port (port 0 = pick a free port), with the Tyrus engine serving every
     * given endpoint config under context path "" and the static roots on "/" (index.html for directories, correct
     * Content-Type for .html .js .css .svg .png .json, 404 otherwise; roots tried in order). tyrusProperties are passed
     * to the Tyrus engine/server container (may be empty), e.g. "org.glassfish.tyrus.incomingBufferSize".
     *
     * <p>
     * Besides the engine properties of {@link TyrusWebSocketEngine} (incoming buffer size, max sessions, tracing,
     * parallel broadcast), {@link GrizzlyServerContainer#WORKER_THREAD_POOL_CONFIG} and
     * {@link GrizzlyServerContainer#SELECTOR_THREAD_POOL_CONFIG} ({@link ThreadPoolConfig} values) are honoured.
     *
     * @throws DeploymentException if an endpoint cannot be registered
     * @throws IOException if the port cannot be bound
     */
    public static TyrusHttpHost start(String host, int port, List<ServerEndpointConfig> endpoints,
            List<StaticRoot> staticRoots, Map<String, Object> tyrusProperties) throws IOException, DeploymentException {
        return start(host, port, endpoints, List.of(), staticRoots, tyrusProperties);
    }

    /**
     * Starts the host with programmatic endpoints and classes annotated with {@code @ServerEndpoint} (an application's
     * own plain endpoints, served next to its gateways).
     *
     * @throws DeploymentException if an endpoint cannot be registered
     * @throws IOException if the port cannot be bound
     */
    public static TyrusHttpHost start(String host, int port, List<ServerEndpointConfig> endpoints,
            List<Class<?>> annotatedEndpoints, List<StaticRoot> staticRoots, Map<String, Object> tyrusProperties)
            throws IOException, DeploymentException {
        return start(host, port, endpoints, annotatedEndpoints, List.of(), staticRoots, tyrusProperties);
    }

    /**
     * Starts the host with endpoints, the application's own annotated endpoints, and the plain HTTP routes of protocol
     * adapters (each served at its path and below).
     *
     * @throws DeploymentException if an endpoint cannot be registered
     * @throws IOException if the port cannot be bound
     */
    public static TyrusHttpHost start(String host, int port, List<ServerEndpointConfig> endpoints,
            List<Class<?>> annotatedEndpoints, List<HttpRoute> routes, List<StaticRoot> staticRoots,
            Map<String, Object> tyrusProperties) throws IOException, DeploymentException {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        List<ServerEndpointConfig> endpointList = List.copyOf(endpoints);
        List<StaticRoot> roots = List.copyOf(staticRoots);
        // HashMap rather than Map.copyOf: property values may legitimately be null
        Map<String, Object> properties = tyrusProperties == null ? Map.of() : new HashMap<>(tyrusProperties);

        HostContainer container = new HostContainer(properties);
        for (ServerEndpointConfig endpoint : endpointList) {
            container.addEndpoint(endpoint);
        }
        for (Class<?> endpoint : annotatedEndpoints) {
            container.addEndpoint(endpoint);
        }
        // registers every endpoint with the engine; on failure it stops the container and throws one
        // DeploymentException listing all problems
        container.start(CONTEXT_PATH, port);

        UpgradeFilter upgradeFilter = new UpgradeFilter(container.engine, properties);
        HttpServer server = new HttpServer();
        ServerConfiguration config = server.getServerConfiguration();
        config.setName(LISTENER_NAME + "-http"); // names Grizzly's helper threads
        config.addHttpHandler(new StaticContentHandler(roots), "/");
        for (HttpRoute route : routes) {
            String path = route.path().endsWith("/")
                    ? route.path().substring(0, route.path().length() - 1)
                    : route.path();
            config.addHttpHandler(new RouteHandler(route, authenticator(properties)), path + "/*");
        }
        NetworkListener listener = new NetworkListener(LISTENER_NAME, host, port);
        listener.setTransport(createTransport(properties));
        listener.registerAddOn(new UpgradeAddOn(upgradeFilter));
        server.addListener(listener);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.shutdownNow();
            container.stop();
            throw e;
        }
        container.doneDeployment();
        container.port = listener.getPort();
        if (container.applicationEventListener != null) {
            container.applicationEventListener.onApplicationInitialized(CONTEXT_PATH);
        }
        TyrusHttpHost result = new TyrusHttpHost(host, server, listener, container, upgradeFilter);
        LOG.log(Level.INFO, "Serving {0} WebSocket endpoint(s) and {1} static root(s) on http://{2}:{3,number,#}",
                new Object[]{endpointList.size(), roots.size(), host, result.port});
        return result;
    }

    private static TCPNIOTransport createTransport(Map<String, Object> properties) {
        TCPNIOTransportBuilder builder = TCPNIOTransportBuilder.newInstance();
        builder.setIOStrategy(WorkerThreadIOStrategy.getInstance());
        ThreadPoolConfig workers = Utils.getProperty(properties, GrizzlyServerContainer.WORKER_THREAD_POOL_CONFIG,
                ThreadPoolConfig.class);
        int cores = Runtime.getRuntime().availableProcessors();
        if (workers == null) {
            // sized like Grizzly's default for the worker-thread IO strategy; ThreadPoolConfig threads are daemons
            workers = ThreadPoolConfig.defaultConfig()
                    .setPoolName(LISTENER_NAME + "-worker")
                    .setCorePoolSize(2 * cores)
                    .setMaxPoolSize(2 * cores);
        }
        ThreadPoolConfig selectors = Utils.getProperty(properties, GrizzlyServerContainer.SELECTOR_THREAD_POOL_CONFIG,
                ThreadPoolConfig.class);
        if (selectors == null) {
            // one thread per selector runner, as many runners as cores (Grizzly's default)
            selectors = ThreadPoolConfig.defaultConfig()
                    .setPoolName(LISTENER_NAME + "-selector")
                    .setCorePoolSize(cores)
                    .setMaxPoolSize(cores);
            builder.setSelectorRunnersCount(cores);
        }
        builder.setWorkerThreadPoolConfig(workers).setSelectorThreadPoolConfig(selectors);
        return builder.build();
    }

    /** The host the listener was asked to bind (as given to {@link #start}). */
    public String host() {
        return host;
    }

    /** The actually bound port. */
    public int port() {
        return port;
    }

    /** The transport the host listens on (for tests: its probes see every write). */
    org.glassfish.grizzly.Transport transport() {
        return listener.getTransport();
    }

    /** The Tyrus server container; it is also what the sessions' {@code getContainer()} returns. */
    public ServerContainer serverContainer() {
        return container;
    }

    /** The local address of the listening socket, {@code null} once closed. */
    InetSocketAddress boundAddress() {
        Connection<?> serverConnection = listener.getServerConnection();
        return serverConnection == null ? null : (InetSocketAddress) serverConnection.getLocalAddress();
    }

    /**
     * Stops accepting, then shuts down the HttpServer and the Tyrus container; idempotent; waits at most a few seconds.
     *
     * <p>
     * In order: the listening socket is closed; every open WebSocket session is closed with 1001 (going away), so
     * clients receive a close frame and the endpoints' {@code onClose} runs, and their connections are awaited; in-flight
     * HTTP keep-alive connections and requests are cut; then the transport, its threads and the Tyrus executors are
     * stopped.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS);
        try {
            listener.getTransport().unbindAll();
            upgradeFilter.closeAll(CloseReasons.GOING_AWAY.getCloseReason(), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing the WebSocket sessions failed; forcing shutdown", e);
        } finally {
            // not HttpServer.shutdown(grace): Grizzly logs WARNINGs on every graceful shutdown, and by now the only
            // connections left are plain HTTP ones (static files: short requests or idle keep-alive connections)
            try {
                server.shutdownNow();
            } finally {
                container.stop();
                if (container.applicationEventListener != null) {
                    container.applicationEventListener.onApplicationDestroyed();
                }
            }
        }
        LOG.log(Level.FINE, "Stopped http://{0}:{1,number,#}", new Object[]{host, port});
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    // ------------------------------------------------------------------------------------------------ Tyrus side

    /**
     * The Tyrus server container: owns the engine, registers the endpoints with it (context path ""), and is the
     * {@code WebSocketContainer} the sessions report.
     */
    private static final class HostContainer extends TyrusServerContainer {

        final TyrusWebSocketEngine engine;
        final ApplicationEventListener applicationEventListener;
        private final Map<String, Object> properties;
        volatile int port = -1;
        private volatile SessionTimers timers;

        /**
         * What the engine may buffer of a connection's unread bytes. Tyrus applies its incoming buffer size to all it
         * holds, a frame begun in an earlier read and the bytes of the latest read: bound so, many small frames that
         * arrive in one read would fail the connection (1011) although each is far under the bound. When the property
         * is set, the host bounds each frame on its header ({@link InboundFrames}, 1009) and the engine is left unbound
         * (it then holds at most one frame begun plus one read); unset, Tyrus's own default applies.
         */
        private static Integer engineBufferSize(Map<String, Object> properties) {
            Integer perFrame = Utils.getProperty(properties, TyrusWebSocketEngine.INCOMING_BUFFER_SIZE, Integer.class);
            if (perFrame == null || perFrame <= 0) {
                return perFrame; // no bound of the host's: Tyrus's
            }
            return Integer.MAX_VALUE;
        }

        HostContainer(Map<String, Object> properties) {
            super((Set<Class<?>>) null);
            this.properties = new HashMap<>(properties); // mutable, like the map Tyrus's own containers return
            applicationEventListener = Utils.getProperty(properties,
                    ApplicationEventListener.APPLICATION_EVENT_LISTENER, ApplicationEventListener.class);
            engine = TyrusWebSocketEngine.builder(this)
                    .incomingBufferSize(engineBufferSize(properties))
                    .maxSessionsPerApp(
                            Utils.getProperty(properties, TyrusWebSocketEngine.MAX_SESSIONS_PER_APP, Integer.class))
                    .maxSessionsPerRemoteAddr(Utils.getProperty(properties,
                            TyrusWebSocketEngine.MAX_SESSIONS_PER_REMOTE_ADDR, Integer.class))
                    .parallelBroadcastEnabled(Utils.getProperty(properties,
                            TyrusWebSocketEngine.PARALLEL_BROADCAST_ENABLED, Boolean.class))
                    .tracingType(Utils.getProperty(properties, TyrusWebSocketEngine.TRACING_TYPE,
                            DebugContext.TracingType.class, DebugContext.TracingType.OFF))
                    .tracingThreshold(Utils.getProperty(properties, TyrusWebSocketEngine.TRACING_THRESHOLD,
                            DebugContext.TracingThreshold.class, DebugContext.TracingThreshold.TRACE))
                    .clusterContext(Utils.getProperty(properties, ClusterContext.CLUSTER_CONTEXT, ClusterContext.class))
                    .applicationEventListener(applicationEventListener)
                    .build();
        }

        @Override
        public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, CONTEXT_PATH);
        }

        @Override
        public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
            engine.register(serverEndpointConfig, CONTEXT_PATH);
        }

        @Override
        public WebSocketEngine getWebSocketEngine() {
            return engine;
        }

        /** Tyrus's timers, without the idle checks due at once that a session without a timeout asks for. */
        @Override
        public ScheduledExecutorService getScheduledExecutorService() {
            ScheduledExecutorService tyrus = super.getScheduledExecutorService();
            SessionTimers current = timers;
            if (current == null || current.timers() != tyrus) { // made again after the container's shutdown
                current = new SessionTimers(tyrus);
                timers = current;
            }
            return current;
        }

        @Override
        public int getPort() {
            return port;
        }

        /**
         * The Tyrus properties the host was started with. Abstract in Tyrus 2.2's {@code BaseContainer} (Jakarta EE
         * 11), absent from Tyrus 2.1's: no {@code @Override}, so that the class compiles and runs on both.
         */
        public Map<String, Object> getProperties() {
            return properties;
        }
    }

    /** Puts {@link UpgradeFilter} right in front of Grizzly's HTTP server filter (after the HTTP codec). */
    private static final class UpgradeAddOn implements AddOn {

        private final UpgradeFilter filter;

        UpgradeAddOn(UpgradeFilter filter) {
            this.filter = filter;
        }

        @Override
        public void setup(NetworkListener networkListener, FilterChainBuilder builder) {
            int httpServerFilter = builder.indexOfType(HttpServerFilter.class);
            if (httpServerFilter < 0) {
                throw new IllegalStateException("no HttpServerFilter in the listener's filter chain");
            }
            builder.add(httpServerFilter, filter);
            int codec = builder.indexOfType(org.glassfish.grizzly.http.HttpServerFilter.class);
            if (codec < 0) {
                throw new IllegalStateException("no HTTP codec in the listener's filter chain");
            }
            builder.add(codec, new UpgradedReads(filter));
        }
    }

    /**
     * Takes the reads of upgraded connections before the HTTP codec: their bytes are frames, not HTTP, so they go to
     * Tyrus as they are, and the codec keeps no request of its own for the connection (the handshake's request and
     * response, with their headers, some 6 KiB, are released once the upgrade is answered).
     */
    private static final class UpgradedReads extends BaseFilter {

        private final UpgradeFilter upgrades;

        UpgradedReads(UpgradeFilter upgrades) {
            this.upgrades = upgrades;
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            WebSocketConnection webSocket = upgrades.open.get(ctx.getConnection());
            if (webSocket == null || !(ctx.getMessage() instanceof Buffer)) {
                return ctx.getInvokeAction();
            }
            Buffer content = ctx.getMessage();
            if (content.hasRemaining()) {
                // copied: the processing may happen later, on another thread, after Grizzly reused the buffer
                byte[] bytes = new byte[content.remaining()];
                content.get(bytes);
                webSocket.read(bytes);
            }
            content.tryDispose();
            return ctx.getStopAction();
        }
    }

    /** One upgraded connection: the Tyrus connection plus a processor that serialises the work done on it. */
    private static final class WebSocketConnection {

        final Connection<?> grizzly;
        final org.glassfish.tyrus.spi.Connection tyrus;
        /** Grizzly's worker-thread IO strategy may run reads concurrently; Tyrus needs them one at a time. */
        final TaskProcessor tasks = new TaskProcessor();
        /** The incoming frames, checked and unmasked before Tyrus reads them; used by one task at a time. */
        final InboundFrames inbound;
        /** Whether the frames written while a read is handled leave together as it ends ({@link WriteBatch}). */
        final boolean batching;
        private boolean refused;

        WebSocketConnection(Connection<?> grizzly, org.glassfish.tyrus.spi.Connection tyrus, long maxFramePayload,
                boolean batching) {
            this.grizzly = grizzly;
            this.tyrus = tyrus;
            this.batching = batching;
            this.inbound = new InboundFrames(maxFramePayload);
        }

        void read(byte[] bytes) {
            submit(() -> {
                if (refused) {
                    return;
                }
                byte[] frames = inbound.next(bytes);
                if (frames == null) {
                    refused = true;
                    tyrus.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "Message too big"));
                    return;
                }
                if (inbound.length() == 0) {
                    return; // a header not whole yet
                }
                WriteBatch batch = batching ? WriteBatch.open() : null;
                try {
                    tyrus.getReadHandler().handle(ByteBuffer.wrap(frames, 0, inbound.length()));
                } finally {
                    if (batch != null) {
                        batch.close();
                    }
                }
            });
        }

        void close(CloseReason reason) {
            submit(() -> tyrus.close(reason)); // no-op if Tyrus already considers the socket closed
        }

        private void submit(Runnable work) {
            tasks.processTask(new TaskProcessor.Task() {

                @Override
                public void execute() {
                    try {
                        work.run();
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "WebSocket connection task failed", e);
                    }
                }
            });
        }
    }

    /**
     * Grizzly filter that hands WebSocket upgrade requests to the Tyrus engine and, once a connection is upgraded, feeds
     * its bytes to the Tyrus connection. Anything else goes on to the HTTP server filter.
     */
    /** The authenticator among the properties, or null. */
    static HandshakeAuthenticator authenticator(Map<String, Object> properties) {
        return properties.get(AUTHENTICATOR) instanceof HandshakeAuthenticator a ? a : null;
    }

    /**
     * What the authenticator says of a request, or null (no authenticator, or anonymous).
     *
     * @param headers the request's headers, in a map whose names are case-insensitive
     * @throws RuntimeException what the authenticator threw
     */
    static HandshakeAuthenticator.Identity identify(HandshakeAuthenticator authenticator,
            Map<String, List<String>> headers, String query) {
        if (authenticator == null) {
            return null;
        }
        return authenticator.authenticate(Collections.unmodifiableMap(headers), HandshakeData.parseQuery(query));
    }

    private static final class UpgradeFilter extends BaseFilter {

        private final WebSocketEngine engine;
        private final HandshakeAuthenticator authenticator;
        private final Map<String, Object> properties;
        private final long maxFramePayload;
        private final boolean batching = WriteBatch.enabled();
        private final Map<Connection<?>, WebSocketConnection> open = new ConcurrentHashMap<>();
        private volatile boolean closing;

        UpgradeFilter(WebSocketEngine engine, Map<String, Object> properties) {
            this.engine = engine;
            this.properties = properties;
            this.authenticator = authenticator(properties);
            Integer max = Utils.getProperty(properties, TyrusWebSocketEngine.INCOMING_BUFFER_SIZE, Integer.class);
            this.maxFramePayload = max == null ? 0 : max;
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            if (!(ctx.getMessage() instanceof HttpContent)) {
                return ctx.getInvokeAction();
            }
            HttpContent message = ctx.getMessage();
            WebSocketConnection webSocket = open.get(ctx.getConnection());
            if (webSocket != null) {
                readFrames(webSocket, message);
                return ctx.getStopAction();
            }
            HttpHeader header = message.getHttpHeader();
            if (!header.isRequest() || !UpgradeRequest.WEBSOCKET.equalsIgnoreCase(header.getUpgrade())) {
                return ctx.getInvokeAction();
            }
            return handshake(ctx, message, (HttpRequestPacket) header);
        }

        @Override
        public NextAction handleClose(FilterChainContext ctx) throws IOException {
            WebSocketConnection webSocket = open.remove(ctx.getConnection());
            if (webSocket != null) {
                webSocket.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason());
            }
            return ctx.getInvokeAction();
        }

        private static void readFrames(WebSocketConnection webSocket, HttpContent message) {
            Buffer content = message.getContent();
            if (content.hasRemaining()) {
                // copied: the processing may happen later, on another thread, after Grizzly reused the buffer
                byte[] bytes = new byte[content.remaining()];
                content.get(bytes);
                webSocket.read(bytes);
            }
        }

        private NextAction handshake(FilterChainContext ctx, HttpContent message, HttpRequestPacket request) {
            if (closing) {
                respond(ctx, request, 503, Map.of());
                return ctx.getStopAction();
            }
            RequestContext upgradeRequest;
            try {
                upgradeRequest = upgradeRequest(request);
            } catch (IllegalArgumentException e) {
                respond(ctx, request, 400, Map.of());
                return ctx.getStopAction();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The authenticator failed for a handshake to " + request.getRequestURI(), e);
                respond(ctx, request, 500, Map.of());
                return ctx.getStopAction();
            }
            TyrusUpgradeResponse upgradeResponse = new TyrusUpgradeResponse();
            WebSocketEngine.UpgradeInfo upgradeInfo = engine.upgrade(upgradeRequest, upgradeResponse);
            switch (upgradeInfo.getStatus()) {
                case SUCCESS :
                    Connection<?> connection = ctx.getConnection();
                    HttpResponsePacket response = responsePacket(request, upgradeResponse.getStatus(),
                            upgradeResponse.getHeaders());
                    ctx.write(HttpContent.builder(response).build());
                    // the codec's request of this connection, headers and all, is done with: later reads bypass the
                    // codec (UpgradedReads), so it would hold them as long as the WebSocket is open
                    ctx.getConnection().getAttributes()
                            .removeAttribute(org.glassfish.grizzly.http.HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
                    // a WebSocket connection is never idle in the HTTP keep-alive sense (Tyrus has its own idle timeout)
                    setNoIdleTimeout(connection);
                    // Tyrus asks for the transport to be closed through the writer (close after pending writes)
                    org.glassfish.tyrus.spi.Connection tyrusConnection = upgradeInfo.createConnection(
                            TransportWriter.of(connection, batching), reason -> connection.closeSilently());
                    WebSocketConnection webSocket = new WebSocketConnection(connection, tyrusConnection,
                            maxFramePayload, batching);
                    open.put(connection, webSocket);
                    // also covers closes that never reach this filter (e.g. after the chain was cleared on shutdown)
                    connection.closeFuture().addCompletionHandler(new EmptyCompletionHandler<>() {

                        @Override
                        public void completed(org.glassfish.grizzly.CloseReason result) {
                            open.remove(connection);
                            webSocket.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason());
                        }
                    });
                    if (closing) { // raced with close(): it may not have seen this connection
                        webSocket.close(CloseReasons.GOING_AWAY.getCloseReason());
                    }
                    readFrames(webSocket, message); // bytes the client sent right behind the handshake, if any
                    return ctx.getStopAction();
                case HANDSHAKE_FAILED :
                    respond(ctx, request, upgradeResponse.getStatus(), upgradeResponse.getHeaders());
                    return ctx.getStopAction();
                case NOT_APPLICABLE :
                default :
                    // no endpoint at this path: let the HTTP handlers answer (404)
                    return ctx.getInvokeAction();
            }
        }

        /** Closes every open WebSocket with {@code reason} and waits (until the deadline) for their connections. */
        void closeAll(CloseReason reason, long deadlineNanos) throws InterruptedException {
            closing = true;
            List<WebSocketConnection> snapshot = new ArrayList<>(open.values());
            for (WebSocketConnection webSocket : snapshot) {
                webSocket.close(reason);
            }
            for (WebSocketConnection webSocket : snapshot) {
                try {
                    webSocket.grizzly.closeFuture().get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.log(Level.FINE, "WebSocket connection did not close in time: " + webSocket.grizzly, e);
                    webSocket.grizzly.closeSilently();
                }
            }
        }

        private RequestContext upgradeRequest(HttpRequestPacket request) {
            String query = request.getQueryString();
            RequestContext context = RequestContext.Builder.create()
                    .requestURI(URI.create(request.getRequestURI())) // the path only: Tyrus matches it
                    .queryString(query)
                    .parameterMap(queryParameters(query))
                    .secure(request.isSecure())
                    .remoteAddr(request.getRemoteAddress())
                    .serverAddr(request.getLocalAddress())
                    .serverPort(request.getLocalPort())
                    .tyrusProperties(properties)
                    .build();
            Map<String, List<String>> headers = context.getHeaders(); // names case-insensitive
            for (String name : request.getHeaders().names()) {
                for (String value : request.getHeaders().values(name)) {
                    headers.computeIfAbsent(name, n -> new ArrayList<>()).addAll(Utils.parseHeaderValue(value.trim()));
                }
            }
            HandshakeAuthenticator.Identity identity = identify(authenticator, headers, query);
            if (identity == null) {
                return context;
            }
            // the same request with who the client is: Tyrus' request takes both only from its builder
            return RequestContext.Builder.create(context).userPrincipal(identity.principal())
                    .isUserInRoleDelegate(identity.roles()::contains).build();
        }

        private static Map<String, String[]> queryParameters(String query) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            Map<String, String[]> result = new HashMap<>();
            values.forEach((name, list) -> result.put(name, list.toArray(String[]::new)));
            return result;
        }

        private static String decode(String s) {
            try {
                return URLDecoder.decode(s, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return s; // malformed escape: keep it raw
            }
        }

        private static void setNoIdleTimeout(Connection<?> connection) {
            try {
                IdleTimeoutFilter.setCustomTimeout(connection, -1, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) { // no IdleTimeoutFilter on this connection: nothing to switch off
                LOG.log(Level.FINEST, "No idle timeout to disable", e);
            }
        }

        private static HttpResponsePacket responsePacket(HttpRequestPacket request, int status,
                Map<String, List<String>> headers) {
            HttpResponsePacket response = request.getResponse();
            response.setProtocol(Protocol.HTTP_1_1);
            response.setStatus(status);
            headers.forEach((name, values) -> response.setHeader(name, Utils.getHeaderFromList(values)));
            return response;
        }

        /** Answers a refused upgrade with an empty response and closes the connection once it is written. */
        private static void respond(FilterChainContext ctx, HttpRequestPacket request, int status,
                Map<String, List<String>> headers) {
            HttpResponsePacket response = responsePacket(request, status, headers);
            response.setContentLength(0);
            response.getHeaders().setValue("Connection").setString("close");
            ctx.write(HttpContent.builder(response).last(true).build());
            ctx.getConnection().closeSilently();
        }
    }

    // ------------------------------------------------------------------------------------------------ static files

    /** Serves GET/HEAD requests from the static roots, first hit wins. */
    private static final class StaticContentHandler extends HttpHandler {

        private static final String INDEX = "index.html";
        private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
                Map.entry("html", "text/html; charset=UTF-8"),
                Map.entry("htm", "text/html; charset=UTF-8"),
                Map.entry("js", "text/javascript; charset=UTF-8"),
                Map.entry("mjs", "text/javascript; charset=UTF-8"),
                Map.entry("css", "text/css; charset=UTF-8"),
                Map.entry("json", "application/json"),
                Map.entry("map", "application/json"),
                Map.entry("txt", "text/plain; charset=UTF-8"),
                Map.entry("svg", "image/svg+xml"),
                Map.entry("png", "image/png"),
                Map.entry("jpg", "image/jpeg"),
                Map.entry("jpeg", "image/jpeg"),
                Map.entry("gif", "image/gif"),
                Map.entry("webp", "image/webp"),
                Map.entry("ico", "image/x-icon"),
                Map.entry("woff", "font/woff"),
                Map.entry("woff2", "font/woff2"),
                Map.entry("wasm", "application/wasm"));

        private final List<StaticRoot> roots;

        StaticContentHandler(List<StaticRoot> roots) {
            super("cdi-gateway-static");
            this.roots = roots;
            for (StaticRoot root : roots) {
                if (root.directory() != null && !Files.isDirectory(root.directory())) {
                    LOG.log(Level.WARNING, "Static root {0} is not a directory; nothing will be served from it",
                            root.directory());
                }
            }
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            Method method = request.getMethod();
            if (!Method.GET.equals(method) && !Method.HEAD.equals(method)) {
                response.setHeader("Allow", "GET, HEAD");
                response.sendError(405);
                return;
            }
            List<String> segments;
            try {
                segments = segments(request.getDecodedRequestURI());
            } catch (CharConversionException | IllegalArgumentException e) {
                response.sendError(400);
                return;
            }
            if (segments == null) {
                response.sendError(404);
                return;
            }
            boolean directoryRequest = segments.isEmpty() || request.getRequestURI().endsWith("/");
            String relative = String.join("/", segments);
            for (StaticRoot root : roots) {
                Resource resource = root.directory() != null
                        ? fileResource(root.directory(), relative, directoryRequest)
                        : classpathResource(root, relative, directoryRequest);
                if (resource == null) {
                    continue;
                }
                if (resource.redirectToDirectory) {
                    String query = request.getQueryString();
                    response.setStatus(301);
                    response.setHeader("Location", request.getRequestURI() + "/" + (query == null ? "" : "?" + query));
                    response.setContentLength(0);
                } else {
                    send(resource, Method.HEAD.equals(method), response);
                }
                return;
            }
            response.sendError(404);
        }

        /** The decoded path's segments, or {@code null} if it tries to climb out of the root. */
        private static List<String> segments(String path) {
            List<String> segments = new ArrayList<>();
            for (String segment : path.split("/")) {
                if (segment.isEmpty() || segment.equals(".")) {
                    continue;
                }
                if (segment.equals("..") || segment.indexOf('\\') >= 0 || segment.indexOf('\0') >= 0
                        || segment.indexOf(':') >= 0) {
                    return null;
                }
                segments.add(segment);
            }
            return segments;
        }

        private static Resource fileResource(Path directory, String relative, boolean directoryRequest) {
            Path target = relative.isEmpty() ? directory : directory.resolve(relative).normalize();
            if (!target.startsWith(directory)) {
                return null;
            }
            if (Files.isDirectory(target)) {
                Path index = target.resolve(INDEX);
                if (!Files.isRegularFile(index)) {
                    return null;
                }
                return directoryRequest ? Resource.file(index) : Resource.REDIRECT;
            }
            return !directoryRequest && Files.isRegularFile(target) && Files.isReadable(target)
                    ? Resource.file(target)
                    : null;
        }

        private static Resource classpathResource(StaticRoot root, String relative, boolean directoryRequest) {
            String base = root.classpathPrefix().isEmpty() || relative.isEmpty()
                    ? root.classpathPrefix() + relative
                    : root.classpathPrefix() + "/" + relative;
            String slash = base.isEmpty() ? "" : base + "/";
            ClassLoader loader = root.loader();
            if (directoryRequest) {
                URL index = loader.getResource(slash + INDEX);
                return index == null ? null : Resource.url(index, INDEX);
            }
            URL url = loader.getResource(base);
            if (url == null) {
                return null;
            }
            if (isDirectory(url)) {
                return loader.getResource(slash + INDEX) == null ? null : Resource.REDIRECT;
            }
            return Resource.url(url, base);
        }

        private static boolean isDirectory(URL url) {
            try {
                switch (url.getProtocol()) {
                    case "file" :
                        return Files.isDirectory(Path.of(url.toURI()));
                    case "jar" :
                        JarEntry entry = ((JarURLConnection) url.openConnection()).getJarEntry();
                        return entry != null && entry.isDirectory();
                    default :
                        return false;
                }
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return false;
            }
        }

        private static void send(Resource resource, boolean headOnly, Response response) throws IOException {
            response.setStatus(200);
            response.setContentType(contentType(resource.name));
            if (resource.file != null) {
                response.setContentLengthLong(Files.size(resource.file));
                if (!headOnly) {
                    OutputStream out = response.getOutputStream();
                    Files.copy(resource.file, out);
                }
                return;
            }
            URLConnection connection = resource.url.openConnection();
            long length = connection.getContentLengthLong();
            if (length >= 0) {
                response.setContentLengthLong(length);
            }
            try (InputStream in = connection.getInputStream()) {
                if (!headOnly) {
                    in.transferTo(response.getOutputStream());
                }
            }
        }

        static String contentType(String name) {
            int slash = name.lastIndexOf('/');
            int dot = name.lastIndexOf('.');
            if (dot <= slash) {
                return "application/octet-stream";
            }
            return CONTENT_TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT),
                    "application/octet-stream");
        }

        /** What a request resolved to: a file, a classpath URL, or "add a slash" for a directory. */
        private static final class Resource {

            static final Resource REDIRECT = new Resource(null, null, null, true);

            final Path file;
            final URL url;
            final String name;
            final boolean redirectToDirectory;

            private Resource(Path file, URL url, String name, boolean redirectToDirectory) {
                this.file = file;
                this.url = url;
                this.name = name;
                this.redirectToDirectory = redirectToDirectory;
            }

            static Resource file(Path file) {
                return new Resource(file, null, file.getFileName().toString(), false);
            }

            static Resource url(URL url, String name) {
                return new Resource(null, url, name, false);
            }
        }
    }
}
