package org.cdigateway.socketio.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.cdigateway.testsupport.Npm;
import org.cdigateway.testsupport.Tools;

/**
 * Runs the official {@code socket.io-client} (pinned in {@code src/test/node/package-lock.json}) in Node: one scenario
 * of {@code src/test/node/scenarios.mjs} per call, its observations returned as JSON. The client is installed with
 * {@code npm ci} into {@code target/node} once per build.
 */
public final class NodeClient {

    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."), "src/test/node");
    private static final Path HOME = Path.of(System.getProperty("basedir", "."), "target/node");

    private NodeClient() {}

    /**
     * Installs the client once; fails the test with npm's output when it cannot. Without Node.js and npm the tests are
     * skipped, except on CI ({@code CI} set), where they must run.
     */
    static synchronized Path installed() {
        Tools.requireOnPath(
                "Node.js and npm are needed to run the official socket.io-client: apt-get install nodejs npm",
                "node", "npm");
        Npm.copy(SOURCES, HOME, "package.json", "scenarios.mjs");
        if (!Files.isDirectory(HOME.resolve("node_modules/socket.io-client"))) {
            Npm.copy(SOURCES, HOME, "package-lock.json");
            Npm.ci(HOME, Map.of(), Duration.ofMinutes(5));
        }
        return HOME;
    }

    /**
     * Runs a scenario against {@code url} (such as {@code http://127.0.0.1:8080}) and returns what it observed.
     *
     * @param options JSON options of the scenario ({@code transports}, {@code timeout}), or null
     */
    public static JsonObject run(String scenario, String url, String options, Duration limit) {
        try (Running node = start(scenario, url, options)) {
            return node.result(limit);
        }
    }

    /**
     * Starts a scenario against {@code url} and returns at once, for a test that acts on the servers while the clients
     * run: the scenario tells when it is ready for the next action with a step ({@link Running#step}), and what it
     * observed at its end ({@link Running#result}).
     *
     * @param options JSON options of the scenario, or null
     */
    public static Running start(String scenario, String url, String options) {
        Path home = installed();
        List<String> command = new ArrayList<>(List.of("node", "scenarios.mjs", scenario, url));
        if (options != null) {
            command.add(options);
        }
        try {
            return new Running(scenario,
                    new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A scenario running in Node. It prints {@code STEP <name> <json>} when it reached a point the test waits for, and
     * {@code RESULT <json>} at its end; every line it printed is kept for the failure messages.
     */
    public static final class Running implements AutoCloseable {

        private static final String STEP = "STEP ", RESULT = "RESULT ";

        private final String scenario;
        private final Process process;
        private final List<String> lines = new ArrayList<>(); // guarded by itself
        private boolean ended; // guarded by lines

        private Running(String scenario, Process process) {
            this.scenario = scenario;
            this.process = process;
            Thread reader = new Thread(this::read, "node " + scenario);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was ended: what it printed so far is kept
            } finally {
                synchronized (lines) {
                    ended = true;
                    lines.notifyAll();
                }
            }
        }

        /**
         * Waits for the step {@code name} (a scenario reaches each of its steps once) and returns its data; fails when
         * the scenario ends or prints its result (it timed out or crashed) first, or when the limit passes.
         */
        public JsonObject step(String name, Duration limit) {
            String prefix = STEP + name + " ";
            long deadline = System.nanoTime() + limit.toNanos();
            synchronized (lines) {
                while (true) {
                    for (String line : lines) {
                        if (line.startsWith(prefix)) {
                            return parse(line.substring(prefix.length()));
                        }
                    }
                    if (ended || lines.stream().anyMatch(l -> l.startsWith(RESULT))) {
                        throw new AssertionError(scenario + " ended before the step \"" + name + "\":\n" + output());
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError(scenario + " did not reach the step \"" + name + "\" within "
                                + limit + ":\n" + output());
                    }
                    waitFor(left);
                }
            }
        }

        /** Waits for the scenario to end within the limit, and returns what it observed. */
        public JsonObject result(Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            synchronized (lines) {
                while (!ended) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("node did not finish " + scenario + " within " + limit + ":\n"
                                + output());
                    }
                    waitFor(left);
                }
                for (String line : lines) {
                    if (line.startsWith(RESULT)) {
                        return parse(line.substring(RESULT.length()));
                    }
                }
                throw new AssertionError("node printed no result for " + scenario + ":\n" + output());
            }
        }

        private void waitFor(long nanos) {
            try {
                TimeUnit.NANOSECONDS.timedWait(lines, nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private String output() {
            return String.join("\n", lines);
        }

        private static JsonObject parse(String json) {
            return Json.createReader(new StringReader(json)).readObject();
        }

        /** Ends the scenario's process, if it still runs. */
        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
