package com.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;

import org.cdigateway.internal.asyncapi.AsyncApiGenerator;
import org.cdigateway.testsupport.Npm;
import org.cdigateway.testsupport.ProcessRun;
import org.cdigateway.testsupport.Tools;

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
    private static final Map<String, String> ENVIRONMENT = Map.of("PUPPETEER_SKIP_DOWNLOAD", "true");

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
        Tools.requireOnPath("Node.js and npm are needed to check and render the AsyncAPI document with the official"
                + " AsyncAPI tools: apt-get install nodejs npm", "node", "npm");
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Npm.copy(SOURCES, HOME, "package.json", LOCK);
        // --ignore-scripts: the template's Puppeteer would download a browser for its PDF option, not used here
        Npm.ci(HOME, ENVIRONMENT, Duration.ofSeconds(600), "--ignore-scripts");
    }

    private static Run node(int seconds, String... command) {
        ProcessRun run = ProcessRun.run(HOME, ENVIRONMENT, Duration.ofSeconds(seconds), List.of(command));
        return run.timedOut()
                ? new Run(-1, "timed out after " + seconds + " s: " + run.commandLine() + "\n" + run.output())
                : new Run(run.exitCode(), run.output());
    }
}
