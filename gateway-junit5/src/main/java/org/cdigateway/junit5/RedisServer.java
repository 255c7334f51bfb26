package org.cdigateway.junit5;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, started by a test and stopped by it, for the tests of an
 * application with more than one node ({@code gateway-redis}). Where redis-server is not installed the test is skipped,
 * unless the environment variable {@code CI} is set: there it must run.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     System.setProperty("cdigateway.redis.uri", redis.uri());
 *     ...
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {

    private final String binary;
    private final int port;
    private final List<String> arguments;
    private volatile Process process;

    private RedisServer(String binary, int port, List<String> arguments) {
        this.binary = binary;
        this.port = port;
        this.arguments = arguments;
    }

    /** Starts a redis-server without persistence on a free loopback port. */
    public static RedisServer start() throws IOException {
        return start(List.of());
    }

    /**
     * Starts a redis-server without persistence on a free loopback port, with more arguments of its command line (such
     * as {@code --requirepass secret}).
     */
    public static RedisServer start(List<String> arguments) throws IOException {
        return start(freePort(), arguments);
    }

    /** Starts a redis-server on this port, with more arguments of its command line. */
    public static RedisServer start(int port, List<String> arguments) throws IOException {
        RedisServer server = new RedisServer(binary(), port, List.copyOf(arguments));
        server.launch();
        return server;
    }

    /** The path of the redis-server executable on the {@code PATH}; skips the test where there is none (outside CI). */
    public static String binary() {
        String found = find("redis-server");
        if (found == null) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException("redis-server is not installed (apt-get install redis-server)");
            }
            assumeTrue(false, "redis-server is not installed");
        }
        return found;
    }

    /** A loopback port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no"));
        command.addAll(arguments);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (!ready.isDone()) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("Ready to accept connections")) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new IllegalStateException("redis-server stopped before it was ready"));
            } catch (IOException e) {
                ready.completeExceptionally(new UncheckedIOException(e));
            }
        }, "redis-server-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("redis-server did not start on port " + port + ":\n" + output, e);
        }
        process = p;
    }

    private static String find(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The port it listens on, the same after {@link #restart()}. */
    public int port() {
        return port;
    }

    /** Kills the server at once (SIGKILL): its clients see their connections drop, as when a host fails. */
    public void kill() throws InterruptedException {
        Process p = process;
        if (p != null) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the server again on the same port and with the same arguments, after {@link #kill()}. */
    public void restart() throws IOException {
        Process p = process;
        if (p != null && p.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is still running");
        }
        launch();
    }

    /** Whether the server process is running. */
    public boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }
}
