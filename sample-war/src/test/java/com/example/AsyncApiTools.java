package com.example;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.cdigateway.internal.asyncapi.AsyncApiGenerator;
import org.junit.jupiter.api.Assumptions;

/**
 * The official AsyncAPI tools from npm ({@code @asyncapi/parser}, {@code @asyncapi/generator} and
 * {@code @asyncapi/html-template}), run with Node.js on the sample's AsyncAPI document (the one
 * {@link AsyncApiDocumentTest} checks). They are not kept in the repository: the versions pinned in
 * {@code src/test/asyncapi-html/package-lock.json} are installed with {@code npm ci} into {@code target/asyncapi-html}
 * once per build, next to {@code asyncapi-html.js}, which checks a document and renders it. Without Node.js and npm
 * the tests that need them are skipped, except on CI ({@code CI} set), where they fail.
 */
public final class AsyncApiTools {

    private static final Path SOURCES = Path.of("src/test/asyncapi-html");
    private static final Path HOME = Path.of("target/asyncapi-html");
    private static final String LOCK = "package-lock.json";

    private static Path page;

    private AsyncApiTools() {}

    /** What {@code node asyncapi-html.js} printed, and its exit code: 0 valid (and rendered), 1 invalid, 2 failed. */
    public record Run(int code, String output) {}

    /** Checks {@code document} with the parser, and renders it into {@code output} when that is not null. */
    public static Run run(Path document, Path output) {
        install();
        return output == null
                ? node(120, "node", "asyncapi-html.js", document.toAbsolutePath().toString())
                : node(300, "node", "asyncapi-html.js", document.toAbsolutePath().toString(),
                        output.toAbsolutePath().toString());
    }

    /** Writes {@code document} as {@code name}.json into the tools' directory. */
    public static Path write(String name, JsonObject document) {
        try {
            Files.createDirectories(HOME);
            return Files.writeString(HOME.resolve(name + ".json"), AsyncApiGenerator.write(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample's document, rendered once per test run: {@code target/asyncapi-html/html/index.html}. */
    public static synchronized Path samplePage() {
        if (page == null) {
            Path html = HOME.resolve("html");
            Run run = run(write("asyncapi", AsyncApiDocumentTest.document()), html);
            if (run.code() != 0) {
                throw new IllegalStateException("node asyncapi-html.js failed (" + run.code() + "):\n" + run.output());
            }
            page = html.resolve("index.html").toAbsolutePath();
        }
        return page;
    }

    private static synchronized void install() {
        boolean present = onPath("node") && onPath("npm");
        String missing = "Node.js and npm are needed to check and render the AsyncAPI document with the official"
                + " AsyncAPI tools: apt-get install nodejs npm";
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, missing);
        try {
            Files.createDirectories(HOME);
            Files.copy(SOURCES.resolve("asyncapi-html.js"), HOME.resolve("asyncapi-html.js"),
                    StandardCopyOption.REPLACE_EXISTING);
            boolean current = Files.isDirectory(HOME.resolve("node_modules/@asyncapi/html-template"))
                    && Files.isRegularFile(HOME.resolve(LOCK))
                    && Files.mismatch(SOURCES.resolve(LOCK), HOME.resolve(LOCK)) == -1;
            if (current) {
                return;
            }
            for (String f : new String[]{"package.json", LOCK}) {
                Files.copy(SOURCES.resolve(f), HOME.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // --ignore-scripts: the template's Puppeteer would download a browser for its PDF option, not used here
        Run npm = node(600, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error");
        if (npm.code() != 0) {
            throw new IllegalStateException("npm ci failed in " + HOME.toAbsolutePath() + ":\n" + npm.output());
        }
    }

    private static Run node(int seconds, String... command) {
        try {
            Path log = Files.createTempFile("asyncapi-html", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().put("PUPPETEER_SKIP_DOWNLOAD", "true");
                Process p = builder.start();
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Run(-1, "timed out after " + seconds + " s: " + String.join(" ", command) + "\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
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
