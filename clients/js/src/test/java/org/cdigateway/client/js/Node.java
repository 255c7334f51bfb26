package org.cdigateway.client.js;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cdigateway.testsupport.Npm;
import org.cdigateway.testsupport.ProcessRun;
import org.cdigateway.testsupport.Tools;

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

    /** Installs and builds the package once; fails with npm's output when it cannot. */
    static synchronized Path built() {
        Tools.requireOnPath("Node.js 18+ and npm are needed to build and test the JavaScript client (clients/js):"
                + " install them (apt-get install nodejs npm, or https://nodejs.org) and put them on the PATH", "node",
                "npm");
        if (!built) {
            if (!Files.isDirectory(PACKAGE.resolve("node_modules/typescript"))
                    || !Files.isDirectory(PACKAGE.resolve("node_modules/ws"))) {
                Npm.ci(PACKAGE, Map.of(), Duration.ofSeconds(300));
            }
            Duration limit = Duration.ofSeconds(120);
            Npm.check(ProcessRun.run(PACKAGE, Map.of(), limit, List.of("npm", "run", "build", "--silent")),
                    "npm run build", PACKAGE, limit);
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

    /**
     * Runs a command in the package's directory, with more environment variables, within the limit in seconds; fails
     * with its output when it does not end by then.
     */
    static ProcessRun run(List<String> command, Map<String, String> environment, int seconds) {
        ProcessRun run = ProcessRun.run(PACKAGE, environment, Duration.ofSeconds(seconds), command);
        if (run.timedOut()) {
            throw new AssertionError(run.commandLine() + " did not end within " + seconds + " s:\n" + run.output());
        }
        return run;
    }
}
