package com.example.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.cdigateway.testsupport.Npm;
import org.cdigateway.testsupport.Tools;

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
        Tools.requireOnPath("npm is needed to install socket.io-client for the Socket.IO page: apt-get install npm",
                "npm");
        Path bundle = HOME.resolve("node_modules/socket.io-client/dist/socket.io.min.js");
        Path served = HOME.resolve("web/vendor/socket.io.min.js");
        try {
            if (!Files.isRegularFile(bundle)) {
                Npm.copy(SOURCES, HOME, "package.json", "package-lock.json");
                Npm.ci(HOME, Map.of(), Duration.ofMinutes(5));
            }
            Files.createDirectories(served.getParent());
            Files.copy(bundle, served, StandardCopyOption.REPLACE_EXISTING);
            return HOME.resolve("web");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
