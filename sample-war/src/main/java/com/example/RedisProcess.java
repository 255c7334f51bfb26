package com.example;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the sample's own, for {@link ClusterSample}: the one on the {@code PATH}, started as a child
 * process on 127.0.0.1 without persistence, and stopped with the sample. It listens on the port asked for when that is
 * free, else on any free port.
 */
final class RedisProcess implements AutoCloseable {

    static final String MISSING = "redis-server is not on the PATH, and the sample on two nodes starts one."
            + " Install it (Debian, Ubuntu: sudo apt-get install redis-server; Fedora: sudo dnf install redis;"
            + " macOS: brew install redis) and run the command again.";

    private static final Duration START = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path log;

    private RedisProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts redis-server on {@code preferredPort} if it is free (0: any free port), else on any free port, and returns
     * once it answers.
     *
     * @throws IllegalStateException with a message for the user when redis-server is missing or does not start
     */
    static RedisProcess start(int preferredPort) throws IOException, InterruptedException {
        String binary = binary(System.getenv().getOrDefault("PATH", ""));
        int port = preferredPort > 0 && isFree(preferredPort) ? preferredPort : freePort();
        Path log = Files.createTempFile("sample-redis-", ".log");
        Process process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save",
                "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisProcess redis = new RedisProcess(process, port, log);
        long end = System.nanoTime() + START.toNanos();
        while (!redis.answers()) {
            // waiting for the process to end doubles as the pause between two attempts
            if (process.waitFor(50, TimeUnit.MILLISECONDS) || System.nanoTime() > end) {
                String output = Files.readString(log);
                redis.close();
                throw new IllegalStateException(binary + " did not start on port " + port + ":\n" + output);
            }
        }
        return redis;
    }

    /** The redis-server on this search path ({@code PATH}'s syntax). */
    static String binary(String searchPath) {
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "redis-server"))) {
                return Path.of(dir, "redis-server").toString();
            }
        }
        throw new IllegalStateException(MISSING);
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Whether this server is running and answers PING. */
    boolean answers() {
        if (!process.isAlive()) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return "+PONG".equals(in.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code redis://127.0.0.1:<port>}, the value of {@code cdigateway.redis.uri} for the nodes. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and deletes its log. Idempotent. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover log in the temporary directory does no harm
        }
    }
}
