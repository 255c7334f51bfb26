package org.cdigateway.internal.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the official AsyncAPI parser ({@code @asyncapi/parser} from npm, installed under {@code target/}) on generated
 * documents and fails on any error diagnostic. Skipped only when {@code node} is not installed.
 */
class AsyncApiParserTest {

    /** The parser's major version: the one that reads AsyncAPI 3.0. */
    static final String PARSER = "@asyncapi/parser@3";
    static final Path DIR = Path.of("target", "asyncapi-parser");

    static final String SCRIPT = """
            const fs = require('fs');
            const { Parser } = require('@asyncapi/parser');
            (async () => {
              const text = fs.readFileSync(process.argv[2], 'utf8');
              const { document, diagnostics } = await new Parser().parse(text);
              // severity 0 is an error; 1 warning, 2 information, 3 hint
              for (const d of diagnostics) {
                console.log(['ERROR', 'WARNING', 'INFO', 'HINT'][d.severity] + ' ' + d.code + ' '
                    + (d.path || []).join('/') + ': ' + d.message);
              }
              const errors = diagnostics.filter(d => d.severity === 0).length;
              console.log(document ? 'PARSED' : 'NOT PARSED');
              process.exit(errors === 0 && document ? 0 : 1);
            })().catch(e => { console.log('FAILED ' + e); process.exit(2); });
            """;

    @BeforeAll
    static void installParser() throws Exception {
        Assumptions.assumeTrue(found("node"), "node is not installed: the AsyncAPI parser check is skipped");
        if (Files.isDirectory(DIR.resolve("node_modules/@asyncapi/parser"))) {
            return;
        }
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("package.json"), "{\"name\":\"asyncapi-check\",\"private\":true}\n");
        Run npm = run(DIR, 300, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error", PARSER);
        assertThat(npm.code).as("npm install %s:\n%s", PARSER, npm.output).isZero();
    }

    @Test
    void typesGatewayDocumentIsValid() throws Exception {
        check("types", new AsyncApiGenerator("Shop", "1.0.0").description("Types")
                .generate(List.of(TypesGateway.class)));
    }

    @Test
    void severalGatewaysInOneDocumentAreValid() throws Exception {
        check("several", new AsyncApiGenerator("Several", "1.0.0")
                .generate(List.of(TypesGateway.class, SmallGateways.Rooms.class, SmallGateways.Root.class)));
    }

    /** Guards' security schemes, referred to from the operations they protect, the global guards' too. */
    @Test
    void securitySchemesOfGuardsAreValid() throws Exception {
        jakarta.json.JsonObject document = new AsyncApiGenerator("Secured", "1.0.0")
                .globalGuards(List.of(GuardedGateways.SessionGuard.class))
                .generate(List.of(GuardedGateways.Secured.class, GuardedGateways.Mixed.class,
                        GuardedGateways.Plain.class, TypesGateway.class));
        assertThat(document.getJsonObject("components").getJsonObject("securitySchemes")).hasSize(7);
        check("security", document);
    }

    /** The check reads the schemes: an API key that does not say where it is sent is refused. */
    @Test
    void aSchemeWithoutItsPlaceFailsTheCheck() throws Exception {
        jakarta.json.JsonObject document = new AsyncApiGenerator("Secured", "1.0.0")
                .generate(List.of(GuardedGateways.Secured.class));
        jakarta.json.JsonObject broken = jakarta.json.Json.createPointer("/components/securitySchemes/ApiKeyGuard/in")
                .remove(document);
        Run node = parse("broken-security", broken);
        assertThat(node.code).as(node.output).isNotZero();
        assertThat(node.output).contains("ERROR ").contains("securitySchemes/ApiKeyGuard");
    }

    /** The bytes the running application serves (cdigateway.asyncapi.enabled) are a valid document too. */
    @Test
    void servedDocumentIsValid() throws Exception {
        AsyncApiRoute route = new AsyncApiRoute(AsyncApiSettings.DEFAULTS,
                List.of(TypesGateway.class, SmallGateways.Rooms.class));
        String served = new String(route.document(), java.nio.charset.StandardCharsets.UTF_8);
        check("served", jakarta.json.Json.createReader(new java.io.StringReader(served)).readObject());
    }

    /** The check itself: a document whose operation names a message of no channel of its own is refused. */
    @Test
    void aBrokenDocumentFailsTheCheck() throws Exception {
        jakarta.json.JsonObject document = new AsyncApiGenerator("Shop", "1.0.0").generate(List.of(TypesGateway.class));
        jakarta.json.JsonObject broken = jakarta.json.Json.createPointer("/operations/TypesGateway.order/messages")
                .replace(document, jakarta.json.Json.createArrayBuilder()
                        .add(jakarta.json.Json.createObjectBuilder().add("$ref", "#/components/messages/exception"))
                        .build());
        Run node = parse("broken", broken);
        assertThat(node.code).as(node.output).isNotZero();
        assertThat(node.output).contains("ERROR asyncapi3-operation-messages-from-referred-channel");
    }

    static void check(String name, jakarta.json.JsonObject document) throws Exception {
        Run node = parse(name, document);
        Path file = DIR.resolve(name + ".json").toAbsolutePath();
        assertThat(node.output).as("the parser's diagnostics of %s", file).doesNotContain("ERROR ");
        assertThat(node.code).as("node check.js %s:\n%s", file, node.output).isZero();
        assertThat(node.output).contains("PARSED");
    }

    static Run parse(String name, jakarta.json.JsonObject document) throws Exception {
        Files.writeString(DIR.resolve("check.js"), SCRIPT);
        Path file = DIR.resolve(name + ".json").toAbsolutePath();
        Files.writeString(file, AsyncApiGenerator.write(document));
        return run(DIR, 120, "node", "check.js", file.toString());
    }

    record Run(int code, String output) {}

    static Run run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("asyncapi", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, "timed out after " + seconds + " s: " + String.join(" ", command));
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    static boolean found(String program) {
        try {
            return run(Path.of("."), 30, program, "--version").code == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
