package org.cdigateway.socketio.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Assumptions;

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
        boolean present = onPath("node") && onPath("npm");
        String missing = "Node.js and npm are needed to run the official socket.io-client: apt-get install nodejs npm";
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, missing);
        try {
            if (Files.isDirectory(HOME.resolve("node_modules/socket.io-client"))) {
                copy();
                return HOME;
            }
            Files.createDirectories(HOME);
            copy();
            Files.copy(SOURCES.resolve("package-lock.json"), HOME.resolve("package-lock.json"),
                    StandardCopyOption.REPLACE_EXISTING);
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(HOME.toFile()).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + HOME + ":\n" + output);
            }
            return HOME;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void copy() throws IOException {
        for (String f : List.of("package.json", "scenarios.mjs")) {
            Files.copy(SOURCES.resolve(f), HOME.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Runs a scenario against {@code url} (such as {@code http://127.0.0.1:8080}) and returns what it observed.
     *
     * @param options JSON options of the scenario ({@code transports}, {@code timeout}), or null
     */
    public static JsonObject run(String scenario, String url, String options, Duration limit) {
        Path home = installed();
        List<String> command = new ArrayList<>(List.of("node", "scenarios.mjs", scenario, url));
        if (options != null) {
            command.add(options);
        }
        try {
            Process node = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                node.destroyForcibly();
                throw new AssertionError("node did not finish " + scenario + " within " + limit + ":\n" + output);
            }
            for (String line : output.split("\n")) {
                if (line.startsWith("RESULT ")) {
                    return Json.createReader(new java.io.StringReader(line.substring(7))).readObject();
                }
            }
            throw new AssertionError("node printed no result for " + scenario + ":\n" + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
