package org.cdigateway.se.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.cdigateway.se.internal.TyrusHttpHost.StaticRoot;
import org.glassfish.tyrus.core.ExecutorServiceProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TyrusHttpHostTest {

    private static final String LOOPBACK = "127.0.0.1";
    private static final long TIMEOUT_SECONDS = 10;
    private static final String INCOMING_BUFFER_SIZE = "org.glassfish.tyrus.incomingBufferSize";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ WebSocket

    @Test
    void echoesOverARealSocketWithPathParameters() throws Exception {
        EchoEndpoint echo = new EchoEndpoint();
        TyrusHttpHost host = start(List.of(echo.config("/echo/{room}")), List.of(), Map.of());

        assertThat(host.port()).isPositive();
        assertThat(host.host()).isEqualTo(LOOPBACK);

        Client client = connect(host, "/echo/lobby");
        client.send("hello");
        assertThat(client.nextMessage()).isEqualTo("lobby:hello");
        client.send("again");
        assertThat(client.nextMessage()).isEqualTo("lobby:again");

        Client other = connect(host, "/echo/kitchen?user=ann");
        other.send("hi");
        assertThat(other.nextMessage()).isEqualTo("kitchen:hi");

        Session session = echo.opened.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(session).isNotNull();
        assertThat(session.getPathParameters()).containsEntry("room", "lobby");
        assertThat(session.getContainer()).isSameAs(host.serverContainer());
        Session second = echo.opened.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(second.getQueryString()).isEqualTo("user=ann");
        assertThat(second.getRequestParameterMap()).containsEntry("user", List.of("ann"));
    }

    @Test
    void messagesOfASessionWithoutIdleTimeoutWakeNoTimer() throws Exception {
        EchoEndpoint echo = new EchoEndpoint();
        TyrusHttpHost host = start(List.of(echo.config("/echo/{room}")), List.of(), Map.of());
        Client client = connect(host, "/echo/lobby");
        client.send("first");
        assertThat(client.nextMessage()).isEqualTo("lobby:first");
        Session session = echo.opened.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(session.getMaxIdleTimeout()).isZero();
        ScheduledThreadPoolExecutor timers = tyrusTimers(host);
        long before = timers.getTaskCount();

        for (int i = 0; i < 100; i++) { // each received and each sent restarts Tyrus's idle check
            client.send("m" + i);
            assertThat(client.nextMessage()).isEqualTo("lobby:m" + i);
        }

        assertThat(timers.getTaskCount() - before).as("tasks given to Tyrus's timers").isZero();
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void anIdleTimeoutStillClosesAQuietSessionAndOnlyIt() throws Exception {
        EchoEndpoint echo = new EchoEndpoint();
        TyrusHttpHost host = start(List.of(echo.config("/echo/{room}")), List.of(), Map.of());
        Client quiet = connect(host, "/echo/quiet");
        Session session = echo.opened.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Client busy = connect(host, "/echo/busy");
        Session busySession = echo.opened.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        busySession.setMaxIdleTimeout(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS * 3));
        long start = System.nanoTime();

        session.setMaxIdleTimeout(400);
        quiet.send("once"); // restarts the check with the timeout
        assertThat(quiet.nextMessage()).isEqualTo("quiet:once");

        CloseReason reason = echo.closed.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(reason).as("closed for idleness within %ss", TIMEOUT_SECONDS).isNotNull();
        // Tyrus closes from its timer thread: 1006 to the endpoint, unless the client's answer to the close frame
        // (1000) was read first
        assertThat(reason.getCloseCode()).isIn(CloseReason.CloseCodes.CLOSED_ABNORMALLY,
                CloseReason.CloseCodes.NORMAL_CLOSURE);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
        assertThat(session.isOpen()).isFalse();
        busy.send("still");
        assertThat(busy.nextMessage()).isEqualTo("busy:still");
        assertThat(busySession.isOpen()).isTrue();
    }

    @Test
    void upgradeToAPathWithoutEndpointIsRefusedWith404() throws Exception {
        TyrusHttpHost host = start(List.of(new EchoEndpoint().config("/echo/{room}")), List.of(), Map.of());

        CompletableFuture<WebSocket> attempt = http.newWebSocketBuilder()
                .buildAsync(wsUri(host, "/nowhere"), new Client());

        assertThatThrownBy(() -> attempt.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
    }

    @Test
    void handshakeRefusedByTheEndpointIsAnsweredWithItsStatus() throws Exception {
        ServerEndpointConfig guarded = ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/guarded")
                .configurator(new ServerEndpointConfig.Configurator() {

                    @Override
                    public boolean checkOrigin(String originHeaderValue) {
                        return false;
                    }
                })
                .build();
        TyrusHttpHost host = start(List.of(guarded), List.of(), Map.of());

        CompletableFuture<WebSocket> attempt = http.newWebSocketBuilder()
                .buildAsync(wsUri(host, "/guarded"), new Client());

        assertThatThrownBy(() -> attempt.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        // the listener is still fine afterwards
        assertThat(get(host, "/").statusCode()).isEqualTo(404);
    }

    @Test
    void largeTextMessageEchoesWhenTheIncomingBufferIsLargeEnough() throws Exception {
        TyrusHttpHost host = start(List.of(new EchoEndpoint().config("/echo/{room}")), List.of(),
                Map.of(INCOMING_BUFFER_SIZE, 1024 * 1024));
        String big = "x".repeat(200 * 1024);

        Client client = connect(host, "/echo/big");
        client.send(big);

        assertThat(client.nextMessage()).hasSize(200 * 1024 + "big:".length()).isEqualTo("big:" + big);
    }

    @Test
    void incomingBufferSizePropertyRefusesAFrameOverItOnItsHeader() throws Exception {
        // one frame of 200 KiB against a bound of 64 KiB: closed with 1009 (not buffered up to the bound, then 1011)
        EchoEndpoint echo = new EchoEndpoint();
        TyrusHttpHost host = start(List.of(echo.config("/echo/{room}")), List.of(),
                Map.of(INCOMING_BUFFER_SIZE, String.valueOf(64 * 1024)));

        try (Socket socket = rawWebSocket(host, "/echo/big")) {
            long length = 200 * 1024;
            byte[] header = {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, (byte) (length >>> 16),
                    (byte) (length >>> 8), (byte) length, 1, 2, 3, 4};
            OutputStream out = socket.getOutputStream();
            out.write(header);
            try {
                out.write(new byte[(int) length]);
            } catch (IOException refusedMidway) {
                // the server closed while the payload was being written: its close frame waits to be read
            }
            DataInputStream in = new DataInputStream(socket.getInputStream());
            assertThat(in.readUnsignedByte()).as("a close frame").isEqualTo(0x88);
            assertThat(in.readUnsignedByte() & 0x7F).isGreaterThanOrEqualTo(2);
            assertThat(in.readUnsignedShort()).isEqualTo(CloseReason.CloseCodes.TOO_BIG.getCode());
        }
        CloseReason serverSide = echo.closed.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(serverSide).isNotNull();
        assertThat(serverSide.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG);
    }

    @Test
    void aMessageInFramesUnderTheBoundArrivesWholeInReadsOfAnySize() throws Exception {
        // the JDK client sends 200 KiB in frames of 16 KiB; the server reads them in pieces of any size, often more
        // than the bound of 64 KiB at once with a frame begun in the read before: the bound is per frame, not per read
        TyrusHttpHost host = start(List.of(new EchoEndpoint().config("/echo/{room}")), List.of(),
                Map.of(INCOMING_BUFFER_SIZE, String.valueOf(64 * 1024)));
        Client client = connect(host, "/echo/big");
        for (int i = 0; i < 5; i++) {
            String big = String.valueOf(i).repeat(200 * 1024);
            client.send(big);
            assertThat(client.nextMessage()).isEqualTo("big:" + big);
        }
        assertThat(client.closed).isNotDone();
    }

    @Test
    void closeClosesOpenSessionsAndFreesThePort() throws Exception {
        EchoEndpoint echo = new EchoEndpoint();
        TyrusHttpHost host = start(List.of(echo.config("/echo/{room}")), List.of(), Map.of());
        int port = host.port();
        Client client = connect(host, "/echo/lobby");
        client.send("ping");
        assertThat(client.nextMessage()).isEqualTo("lobby:ping");

        host.close();

        Closed closed = client.closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(closed.status()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY.getCode());
        CloseReason serverSide = echo.closed.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(serverSide).isNotNull();
        assertThat(serverSide.getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
        assertThat(host.boundAddress()).isNull();
        host.close(); // idempotent

        TyrusHttpHost again = start(LOOPBACK, port, List.of(new EchoEndpoint().config("/echo/{room}")), List.of(),
                Map.of());
        assertThat(again.port()).isEqualTo(port);
        Client second = connect(again, "/echo/back");
        second.send("x");
        assertThat(second.nextMessage()).isEqualTo("back:x");
    }

    @Test
    void closeLeavesNoThreadsOfOursRunning() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Files.writeString(temp.resolve("index.html"), "<p>hi</p>");
        TyrusHttpHost host = start(List.of(new EchoEndpoint().config("/echo/{room}")),
                List.of(StaticRoot.directory(temp)), Map.of());
        Client client = connect(host, "/echo/t");
        client.send("1");
        assertThat(client.nextMessage()).isEqualTo("t:1");
        assertThat(get(host, "/").statusCode()).isEqualTo(200);

        List<Thread> ours = newThreads(before).stream().filter(t -> t.getName().startsWith("cdi-gateway")).toList();
        assertThat(ours).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).as(t.getName()).isTrue());

        host.close();

        for (Thread thread : newThreads(before)) {
            if (thread.getName().startsWith("cdi-gateway") || !thread.isDaemon()) {
                thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                assertThat(thread.isAlive()).as("thread %s still alive", thread.getName()).isFalse();
            }
        }
    }

    @Test
    void endpointThatCannotBeRegisteredFailsTheStart() {
        List<ServerEndpointConfig> clash = List.of(new EchoEndpoint().config("/same/{a}"),
                new EchoEndpoint().config("/same/{b}"));

        assertThatThrownBy(() -> start(clash, List.of(), Map.of())).isInstanceOf(DeploymentException.class);
    }

    @Test
    void portInUseFailsTheStartWithIOException() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(LOOPBACK, 0));

            assertThatThrownBy(() -> start(LOOPBACK, taken.getLocalPort(), List.of(), List.of(), Map.of()))
                    .isInstanceOf(IOException.class);
        }
    }

    // ------------------------------------------------------------------------------------------------ binding

    @Test
    void listenerIsBoundToLoopbackOnly() throws Exception {
        TyrusHttpHost host = start(List.of(new EchoEndpoint().config("/echo/{room}")), List.of(), Map.of());

        assertThat(host.host()).isEqualTo(LOOPBACK);
        InetSocketAddress bound = host.boundAddress();
        assertThat(bound.getAddress()).isEqualTo(InetAddress.getByName(LOOPBACK));
        assertThat(bound.getAddress().isAnyLocalAddress()).isFalse();
        assertThat(bound.getPort()).isEqualTo(host.port());

        // the same port on one of this machine's other addresses is not served
        Optional<InetAddress> external = nonLoopbackAddress();
        if (external.isPresent()) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), host.port()), 5000))
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ static files

    @Test
    void servesStaticFilesFromADirectory() throws Exception {
        Path root = Files.createDirectory(temp.resolve("root"));
        Files.writeString(root.resolve("index.html"), "<h1>index</h1>");
        Files.writeString(root.resolve("app.js"), "console.log('x');");
        Files.writeString(root.resolve("style.css"), "body{}");
        Files.writeString(root.resolve("logo.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        Files.write(root.resolve("dot.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        Files.writeString(root.resolve("data.json"), "{\"a\":1}");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub/index.html"), "<h1>sub</h1>");
        Files.createDirectory(root.resolve("empty"));
        Files.writeString(temp.resolve("secret.txt"), "outside the root");
        TyrusHttpHost host = start(List.of(new EchoEndpoint().config("/echo/{room}")),
                List.of(StaticRoot.directory(root)), Map.of());

        assertOk(get(host, "/"), "text/html", "<h1>index</h1>");
        assertOk(get(host, "/index.html"), "text/html", "<h1>index</h1>");
        assertOk(get(host, "/app.js"), "text/javascript", "console.log('x');");
        assertOk(get(host, "/style.css"), "text/css", "body{}");
        assertOk(get(host, "/logo.svg"), "image/svg+xml", "<svg xmlns='http://www.w3.org/2000/svg'/>");
        assertOk(get(host, "/data.json"), "application/json", "{\"a\":1}");
        HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(httpUri(host, "/dot.png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).isEqualTo(Files.readAllBytes(root.resolve("dot.png")));

        assertOk(get(host, "/sub/"), "text/html", "<h1>sub</h1>");
        HttpResponse<String> redirect = get(host, "/sub?x=1");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/sub/?x=1");

        assertThat(get(host, "/missing.html").statusCode()).isEqualTo(404);
        assertThat(get(host, "/empty/").statusCode()).isEqualTo(404);
        HttpResponse<String> climb = get(host, "/%2e%2e/secret.txt");
        assertThat(climb.statusCode()).isIn(400, 404); // Grizzly itself refuses some of these with 400
        assertThat(climb.body()).doesNotContain("outside the root");
        assertThat(get(host, "/echo/lobby").statusCode()).as("plain GET on a WebSocket path").isEqualTo(404);

        HttpResponse<String> head = http.send(
                HttpRequest.newBuilder(httpUri(host, "/app.js")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue("17");
        assertThat(head.body()).isEmpty();
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(httpUri(host, "/app.js")).POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);

        // WebSocket and HTTP really share the listener
        Client client = connect(host, "/echo/shared");
        client.send("ok");
        assertThat(client.nextMessage()).isEqualTo("shared:ok");
    }

    @Test
    void servesStaticFilesFromTheClasspathAndTriesRootsInOrder() throws Exception {
        Path root = Files.createDirectory(temp.resolve("root"));
        Files.writeString(root.resolve("index.html"), "<h1>directory wins</h1>");
        TyrusHttpHost host = start(List.of(),
                List.of(StaticRoot.directory(root), StaticRoot.classpath("/hostroot/", getClass().getClassLoader())),
                Map.of());

        assertOk(get(host, "/"), "text/html", "<h1>directory wins</h1>");
        assertOk(get(host, "/hello.json"), "application/json", "{\"from\":\"classpath\"}\n");
        assertOk(get(host, "/app.css"), "text/css", "body { color: teal; }\n");
        assertOk(get(host, "/nested/"), "text/html", "<!doctype html><title>nested classpath index</title>\n");
        assertThat(get(host, "/nested").statusCode()).isEqualTo(301);
        assertThat(get(host, "/nope.js").statusCode()).isEqualTo(404);
        assertThat(get(host, "/..%2fhostroot/index.html").statusCode()).isIn(400, 404);

        TyrusHttpHost classpathOnly = start(List.of(), List.of(StaticRoot.classpath("hostroot", null)), Map.of());
        assertOk(get(classpathOnly, "/"), "text/html", "<!doctype html><title>classpath index</title>\n");
    }

    @Test
    void servesStaticFilesFromAJarOnTheClasspath() throws Exception {
        Path jar = temp.resolve("static.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/resources/"));
            out.putNextEntry(new JarEntry("META-INF/resources/index.html"));
            out.write("<h1>jar</h1>".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("META-INF/resources/docs/"));
            out.putNextEntry(new JarEntry("META-INF/resources/docs/index.html"));
            out.write("<h1>docs</h1>".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("META-INF/resources/docs/guide.js"));
            out.write("let guide;".getBytes(StandardCharsets.UTF_8));
        }
        URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null);
        toClose.add(loader);
        TyrusHttpHost host = start(List.of(), List.of(StaticRoot.classpath("META-INF/resources", loader)), Map.of());

        assertOk(get(host, "/"), "text/html", "<h1>jar</h1>");
        assertOk(get(host, "/docs/"), "text/html", "<h1>docs</h1>");
        assertOk(get(host, "/docs/guide.js"), "text/javascript", "let guide;");
        HttpResponse<String> redirect = get(host, "/docs");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/docs/");
        assertThat(get(host, "/docs/missing.js").statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private TyrusHttpHost start(List<ServerEndpointConfig> endpoints, List<StaticRoot> roots,
            Map<String, Object> properties) throws IOException, DeploymentException {
        return start(LOOPBACK, 0, endpoints, roots, properties);
    }

    private TyrusHttpHost start(String host, int port, List<ServerEndpointConfig> endpoints, List<StaticRoot> roots,
            Map<String, Object> properties) throws IOException, DeploymentException {
        TyrusHttpHost started = TyrusHttpHost.start(host, port, endpoints, roots, properties);
        toClose.add(started);
        return started;
    }

    /** The executor behind the timers the host gives Tyrus's sessions. */
    private static ScheduledThreadPoolExecutor tyrusTimers(TyrusHttpHost host) {
        ScheduledExecutorService timers = ((ExecutorServiceProvider) host.serverContainer())
                .getScheduledExecutorService();
        assertThat(timers).isInstanceOf(SessionTimers.class);
        return (ScheduledThreadPoolExecutor) ((SessionTimers) timers).timers();
    }

    /** A socket past the handshake to {@code path}, for writing frames byte by byte. */
    private Socket rawWebSocket(TyrusHttpHost host, String path) throws IOException {
        Socket socket = new Socket(host.host(), host.port());
        toClose.add(socket);
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        socket.getOutputStream()
                .write(("GET " + path + " HTTP/1.1\r\nHost: " + host.host() + ":" + host.port()
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = socket.getInputStream().read();
            assertThat(b).as("the handshake's response").isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return socket;
    }

    private static URI wsUri(TyrusHttpHost host, String path) {
        return URI.create("ws://" + host.host() + ":" + host.port() + path);
    }

    private static URI httpUri(TyrusHttpHost host, String path) {
        return URI.create("http://" + host.host() + ":" + host.port() + path);
    }

    private HttpResponse<String> get(TyrusHttpHost host, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(httpUri(host, path)).timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertOk(HttpResponse<String> response, String contentType, String body) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString())
                .hasValueSatisfying(value -> assertThat(value).startsWith(contentType));
        assertThat(response.body()).isEqualTo(body);
    }

    private Client connect(TyrusHttpHost host, String path) throws Exception {
        Client client = new Client();
        client.socket = http.newWebSocketBuilder()
                .buildAsync(wsUri(host, path), client)
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        toClose.add(client);
        return client;
    }

    private static List<Thread> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).toList();
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }

    /** Server side: replies {@code room + ":" + text}; records opened sessions and close reasons. */
    public static final class EchoEndpoint extends Endpoint {

        final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();
        final BlockingQueue<CloseReason> closed = new LinkedBlockingQueue<>();

        ServerEndpointConfig config(String path) {
            return ServerEndpointConfig.Builder.create(EchoEndpoint.class, path)
                    .configurator(new ServerEndpointConfig.Configurator() {

                        @Override
                        public <T> T getEndpointInstance(Class<T> endpointClass) {
                            return endpointClass.cast(EchoEndpoint.this);
                        }
                    })
                    .build();
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            String room = session.getPathParameters().get("room");
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                try {
                    session.getBasicRemote().sendText(room + ":" + text);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            opened.add(session);
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closed.add(closeReason);
        }
    }

    record Closed(int status, String reason) {}

    /** Client side, on the JDK's WebSocket: collects whole text messages and the close. */
    static final class Client implements WebSocket.Listener, AutoCloseable {

        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Closed> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        void send(String text) throws Exception {
            socket.sendText(text, true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        String nextMessage() throws InterruptedException {
            String message = messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(message).as("message within %ss", TIMEOUT_SECONDS).isNotNull();
            return message;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public void close() {
            if (socket != null && !socket.isOutputClosed()) {
                socket.abort();
            }
        }
    }
}
