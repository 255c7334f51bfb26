package org.cdigateway.client.js;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Node.js and npm for the client's tests: installs the package's development dependencies ({@code npm ci}, pinned by
 * {@code package-lock.json}) and builds it ({@code npm run build}) once per build. Without Node.js and npm the tests
 * are skipped, except on CI ({@code CI} set), where they fail.
 */
final class Node {

    /** The package's directory: the module's. */
    static final Path PACKAGE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    private static boolean built;

    private Node() {}

    /** The result of a command: its exit code and everything it printed. */
    record Run(int exitCode, String output) {}

    /** Installs and builds the package once; fails with npm's output when it cannot. */
    static synchronized Path built() {
        boolean present = onPath("node") && onPath("npm");
        String missing = "Node.js 18+ and npm are needed to build and test the JavaScript client (clients/js):"
                + " install them (apt-get install nodejs npm, or https://nodejs.org) and put them on the PATH";
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, missing);
        if (!built) {
            if (!Files.isDirectory(PACKAGE.resolve("node_modules/typescript"))
                    || !Files.isDirectory(PACKAGE.resolve("node_modules/ws"))) {
                check(run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 300),
                        "npm ci");
            }
            check(run(List.of("npm", "run", "build", "--silent"), Map.of(), 120), "npm run build");
            built = true;
        }
        return PACKAGE;
    }

    /** The package's test files, {@code test/*.test.mjs}, relative to its directory. */
    static List<String> testFiles() {
        try (Stream<Path> files = Files.list(PACKAGE.resolve("test"))) {
            return files.map(f -> "test/" + f.getFileName()).filter(f -> f.endsWith(".test.mjs")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command in the package's directory, with more environment variables, within the limit in seconds. */
    static Run run(List<String> command, Map<String, String> environment, int seconds) {
        try {
            Path log = Files.createTempFile("node", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(PACKAGE.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
                if (!ended) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (!ended) {
                    throw new AssertionError(String.join(" ", command) + " did not end within " + seconds + " s:\n"
                            + output);
                }
                return new Run(process.exitValue(), output);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(Run run, String what) {
        if (run.exitCode() != 0) {
            throw new IllegalStateException(what + " failed in " + PACKAGE + " (exit code " + run.exitCode() + "):\n"
                    + run.output());
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
