package org.cdigateway.redis.nodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A node of the cluster in a JVM of its own ({@link NodeMain}), with the test's class path and the given system
 * properties. Its output goes to {@code target/nodes/<name>.log}.
 */
public final class NodeProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;

    private NodeProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** Starts a node and waits until it is connected to Redis and listening. */
    public static NodeProcess start(String name, Map<String, String> properties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dnode.name=" + name);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NodeMain.class.getName());
        Path log = Path.of("target", "nodes", name + ".log");
        log.getParent().toFile().mkdirs();
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("LISTENING ")) {
                        listening.complete(Integer.parseInt(line.substring(10).strip()));
                    }
                }
                listening.completeExceptionally(new IllegalStateException("node " + name + " exited; see " + log));
            } catch (IOException e) {
                listening.completeExceptionally(new UncheckedIOException(e));
            }
        }, "node-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            return new NodeProcess(name, p, listening.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("node " + name + " did not start; see " + log, e);
        }
    }

    public String name() {
        return name;
    }

    /** {@code ws://127.0.0.1:<port>/node}. */
    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port + "/node");
    }

    /** Kills the process at once (SIGKILL): the node says no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    /** Stops the node as an operator would: it closes its clients and tells the others. */
    @Override
    public void close() throws Exception {
        if (!process.isAlive()) {
            return;
        }
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
