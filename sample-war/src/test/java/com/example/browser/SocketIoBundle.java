package com.example.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The browser bundle of the official {@code socket.io-client} for the sample's Socket.IO page, which loads
 * {@code vendor/socket.io.min.js} when the application serves it. The bundle is not kept in the repository: the
 * version pinned in {@code src/test/socketio-client/package-lock.json} is installed with {@code npm ci} into
 * {@code target/socketio-client} once per build, and its {@code dist/socket.io.min.js} copied into a directory the
 * test serves next to the pages. Without Node.js and npm the tests that need it are skipped, except on CI ({@code CI}
 * set), where they fail.
 */
final class SocketIoBundle {

    private static final Path SOURCES = Path.of("src/test/socketio-client");
    private static final Path HOME = Path.of("target/socketio-client");

    private SocketIoBundle() {}

    /** A directory with {@code vendor/socket.io.min.js}, to serve at the application's root. */
    static synchronized Path webRoot() {
        boolean present = onPath("npm");
        String missing = "npm is needed to install socket.io-client for the Socket.IO page: apt-get install npm";
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, missing);
        Path bundle = HOME.resolve("node_modules/socket.io-client/dist/socket.io.min.js");
        Path served = HOME.resolve("web/vendor/socket.io.min.js");
        try {
            if (!Files.isRegularFile(bundle)) {
                install();
            }
            Files.createDirectories(served.getParent());
            Files.copy(bundle, served, StandardCopyOption.REPLACE_EXISTING);
            return HOME.resolve("web");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void install() throws IOException {
        Files.createDirectories(HOME);
        for (String f : new String[]{"package.json", "package-lock.json"}) {
            Files.copy(SOURCES.resolve(f), HOME.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(HOME.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + HOME.toAbsolutePath() + ":\n" + output);
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
