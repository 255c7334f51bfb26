package org.cdigateway.se;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;

import org.cdigateway.Adapter;
import org.cdigateway.GatewayServer;
import org.cdigateway.internal.endpoint.DeployedGateway;
import org.cdigateway.internal.endpoint.GatewayRegistry;
import org.cdigateway.internal.extension.GatewayExtension;
import org.cdigateway.se.internal.TyrusHttpHost;
import org.jboss.weld.bootstrap.spi.BeanDiscoveryMode;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The embedded runtime: Weld SE and Tyrus on one Grizzly listener, serving the gateways (and static files) of the
 * classes it is given, the same way a Jakarta EE server serves them from a WAR.
 *
 * <pre>{@code
 * try (GatewayRuntime runtime = GatewayRuntime.builder()
 *         .port(8080)
 *         .packages(ChatGateway.class)
 *         .staticFiles(Path.of("src/main/webapp"))
 *         .start()) {
 *     runtime.awaitShutdown();
 * }
 * }</pre>
 *
 * Beans are discovered as in a WAR without {@code beans.xml} ({@code annotated} mode): classes with a bean defining
 * annotation, {@code @WebSocketGateway} included.
 */
public final class GatewayRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GatewayRuntime.class.getName());
    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    /** How long {@link #close()} waits for connections to report their close before disconnecting them itself. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final WeldContainer container;
    private final GatewayRegistry registry;
    private final TyrusHttpHost host;
    private final Object stopLock = new Object();
    private boolean stopped;

    private GatewayRuntime(WeldContainer container, GatewayRegistry registry, TyrusHttpHost host) {
        this.container = container;
        this.registry = registry;
        this.host = host;
    }

    /**
     * Starts a runtime from the command line and serves until the JVM stops:
     * {@code java -cp <classpath> org.cdigateway.se.GatewayRuntime [--host H] [--port N] [--static DIR]
     * [--resources PREFIX] CLASS...}; each CLASS deploys its package and subpackages.
     */
    public static void main(String[] args) throws Exception {
        GatewayRuntime runtime;
        try {
            runtime = fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "cdi-gateway-shutdown"));
        System.out.println("CDI Gateway listening on " + runtime.httpUri());
        runtime.awaitShutdown();
    }

    /**
     * Starts a runtime configured by command-line arguments (see {@link #main}).
     *
     * @throws IllegalArgumentException with a usage text when the arguments are wrong
     */
    public static GatewayRuntime fromArgs(String... args) {
        Builder builder = builder();
        int classes = 0;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--host" -> builder.host(value(args, ++i, a));
                case "--port" -> {
                    String v = value(args, ++i, a);
                    try {
                        builder.port(Integer.parseInt(v));
                    } catch (NumberFormatException e) {
                        throw usage("--port takes a number, not '" + v + "'");
                    }
                }
                case "--static" -> builder.staticFiles(Path.of(value(args, ++i, a)));
                case "--resources" -> builder.staticResources(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        throw usage("Unknown option " + a);
                    }
                    try {
                        builder.packages(Class.forName(a, false, loader));
                    } catch (ClassNotFoundException e) {
                        throw usage("No class " + a + " on the class path");
                    }
                    classes++;
                }
            }
        }
        if (classes == 0) {
            throw usage("Name at least one class whose package holds the gateways");
        }
        return builder.start();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw usage(option + " needs a value");
        }
        return args[i];
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem + "\nUsage: java -cp <classpath> " + GatewayRuntime.class.getName()
                + " [--host 127.0.0.1] [--port 8080] [--static DIR] [--resources PREFIX] CLASS...\n"
                + "Each CLASS deploys the beans of its package and subpackages.");
    }

    /** A builder for a runtime on 127.0.0.1:8080 with no classes yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address the listener is bound to. */
    public String host() {
        return host.host();
    }

    /** The port the listener is bound to (the chosen one when the builder asked for port 0). */
    public int port() {
        return host.port();
    }

    /** {@code http://host:port/}. */
    public URI httpUri() {
        return URI.create("http://" + hostForUri() + ":" + port() + "/");
    }

    /** {@code ws://host:port} + path. */
    public URI wsUri(String path) {
        return URI.create("ws://" + hostForUri() + ":" + port() + (path.startsWith("/") ? path : "/" + path));
    }

    private String hostForUri() {
        String h = host();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** The CDI bean manager of this runtime. */
    public BeanManager beanManager() {
        return container.getBeanManager();
    }

    /** A bean of this runtime, by type. */
    public <T> T select(Class<T> type) {
        return container.select(type).get();
    }

    /** The server of the gateway class. */
    public GatewayServer server(Class<?> gatewayClass) {
        return registry.gateway(gatewayClass)
                .orElseThrow(() -> new IllegalArgumentException(gatewayClass.getName() + " is not a deployed gateway"));
    }

    /** The paths of every deployed gateway. */
    public List<String> gatewayPaths() {
        return registry.gateways().stream().map(DeployedGateway::path).toList();
    }

    /** How many clients are connected, across all gateways. */
    public int connectedClients() {
        return registry.connected();
    }

    /** Blocks until {@link #close()} is called (from another thread or a shutdown hook). */
    public void awaitShutdown() throws InterruptedException {
        synchronized (stopLock) {
            while (!stopped) {
                stopLock.wait();
            }
        }
    }

    /**
     * Stops: closes every connection with 1001 and runs each {@code handleDisconnect}, then stops the listener and
     * the CDI container. Idempotent.
     */
    @Override
    public void close() {
        synchronized (stopLock) {
            if (stopped) {
                return;
            }
            stopped = true;
            stopLock.notifyAll();
        }
        try {
            registry.shutdown(CLOSE_WAIT);
        } finally {
            try {
                host.close();
            } finally {
                if (container.isRunning()) {
                    container.shutdown();
                }
            }
        }
        LOG.fine("CDI Gateway runtime stopped");
    }

    /** Builds a {@link GatewayRuntime}. */
    /** The Tyrus property that bounds what one frame may buffer before the gateway sees it. */
    public static final String INCOMING_BUFFER_SIZE = "org.glassfish.tyrus.incomingBufferSize";

    /**
     * The most bytes one unfragmented frame may have, so that a frame too big for every gateway is refused (with
     * 1009) before it is buffered: the largest {@code maxMessageSize} of the gateways (or message of an adapter, such
     * as Socket.IO's {@code maxPayload}), in bytes (three per character of UTF-8 text at most), plus a frame header.
     * Set only when the runtime serves gateways and no endpoints of the application's own.
     */
    static int incomingBufferSize(GatewayRegistry registry) {
        long max = registry.largestMessage();
        return (int) Math.min(Integer.MAX_VALUE - 64, Math.max(max, 1) * 3 + 14);
    }

    public static final class Builder {

        private String host = "127.0.0.1";
        private int port = 8080;
        private final Set<Class<?>> beanClasses = new LinkedHashSet<>();
        private final Set<Class<?>> packages = new LinkedHashSet<>();
        private final List<TyrusHttpHost.StaticRoot> staticRoots = new ArrayList<>();
        private final Map<String, Object> containerProperties = new HashMap<>();
        private final List<Class<?>> serverEndpoints = new ArrayList<>();

        private Builder() {}

        /** The address to bind; {@code 127.0.0.1} by default, {@code 0.0.0.0} for every interface. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The port to listen on; 8080 by default, 0 picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Classes to deploy (gateways and the beans they use). */
        public Builder beanClasses(Class<?>... classes) {
            beanClasses.addAll(List.of(classes));
            return this;
        }

        /** Deploys every class in the packages of these classes, and in their subpackages. */
        public Builder packages(Class<?>... markers) {
            packages.addAll(List.of(markers));
            return this;
        }

        /** Serves the files of a directory at {@code /} ({@code index.html} for directories). */
        public Builder staticFiles(Path directory) {
            if (!Files.isDirectory(directory)) {
                throw new UncheckedIOException(new IOException("No such directory: " + directory.toAbsolutePath()));
            }
            staticRoots.add(TyrusHttpHost.StaticRoot.directory(directory));
            return this;
        }

        /** Serves classpath resources under a prefix (such as {@code META-INF/resources}) at {@code /}. */
        public Builder staticResources(String classpathPrefix) {
            staticRoots.add(TyrusHttpHost.StaticRoot.classpath(classpathPrefix,
                    Thread.currentThread().getContextClassLoader()));
            return this;
        }

        /**
         * Plain Jakarta WebSocket endpoints (classes annotated with {@code @ServerEndpoint}) to serve next to the
         * gateways, as a server does for an application's own endpoints.
         */
        public Builder serverEndpoints(Class<?>... annotatedEndpoints) {
            for (Class<?> endpoint : annotatedEndpoints) {
                if (!endpoint.isAnnotationPresent(ServerEndpoint.class)) {
                    throw new IllegalArgumentException(endpoint.getName() + " is not annotated with @ServerEndpoint");
                }
                serverEndpoints.add(endpoint);
            }
            return this;
        }

        /**
         * Who the clients are: called for every handshake, its answer is the connection's principal and roles (what
         * {@code @RolesAllowed} is checked against). Without one every client is anonymous.
         */
        public Builder authenticator(HandshakeAuthenticator authenticator) {
            containerProperties.put(TyrusHttpHost.AUTHENTICATOR, Objects.requireNonNull(authenticator));
            return this;
        }

        /** A property for the Tyrus WebSocket container, such as {@code org.glassfish.tyrus.incomingBufferSize}. */
        public Builder containerProperty(String name, Object value) {
            containerProperties.put(name, value);
            return this;
        }

        /**
         * Boots CDI, registers the gateways and starts listening.
         *
         * @throws jakarta.enterprise.inject.spi.DeploymentException (or DefinitionException) listing every problem
         *                                                           of the gateways when the deployment is invalid
         * @throws UncheckedIOException                              when the port cannot be bound
         */
        public GatewayRuntime start() {
            GatewayExtension extension = new GatewayExtension();
            Weld weld = new Weld("cdi-gateway-" + CONTAINERS.incrementAndGet())
                    .disableDiscovery()
                    .setBeanDiscoveryMode(BeanDiscoveryMode.ANNOTATED)
                    .skipShutdownHook()
                    .addExtension(extension);
            beanClasses.forEach(weld::addBeanClass);
            packages.forEach(p -> weld.addPackage(true, p));
            WeldContainer container = weld.initialize();
            try {
                GatewayRegistry registry = extension.registry();
                registry.checkPathsAreFree(serverEndpoints);
                Map<String, Object> properties = new HashMap<>(containerProperties);
                if (serverEndpoints.isEmpty() && !registry.gateways().isEmpty()) {
                    // the application's own endpoints keep Tyrus' limit: their message sizes are theirs to set
                    properties.putIfAbsent(INCOMING_BUFFER_SIZE, incomingBufferSize(registry));
                }
                TyrusHttpHost httpHost = TyrusHttpHost.start(host, port, registry.endpointConfigs(), serverEndpoints,
                        registry.httpRoutes(), staticRoots, properties);
                try {
                    for (DeployedGateway g : registry.gateways()) {
                        if (g.speaks(Adapter.NATIVE)) {
                            LOG.info(() -> "CDI Gateway: " + g.gatewayClass().getName() + " serves " + g.path());
                        }
                        if (g.speaks(Adapter.SOCKET_IO)) {
                            LOG.info(() -> "CDI Gateway: " + g.gatewayClass().getName()
                                    + " serves the Socket.IO namespace " + g.namespace());
                        }
                    }
                    registry.initialized();
                } catch (RuntimeException e) {
                    httpHost.close();
                    throw e;
                }
                GatewayRuntime runtime = new GatewayRuntime(container, registry, httpHost);
                LOG.info(() -> "CDI Gateway runtime listening on " + runtime.httpUri());
                return runtime;
            } catch (IOException e) {
                container.shutdown();
                throw new UncheckedIOException("Cannot listen on " + host + ":" + port, e);
            } catch (DeploymentException e) {
                container.shutdown();
                throw new IllegalStateException("A gateway could not be registered: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                container.shutdown();
                throw e;
            }
        }

    }
}
