package org.cdigateway.internal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The layering of the main code, read from its sources: the deployment messages import nothing else of the gateway,
 * only the extension's own package reaches into the extension, and nothing looks the extension up at run time.
 */
class PackageRulesTest {

    private static final Path MAIN = Path.of(System.getProperty("basedir", "."), "src/main/java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(org\\.cdigateway\\.[\\w.]+);",
            Pattern.MULTILINE);

    /** Every main source file by its path under {@code org/cdigateway}, with its imports of the project. */
    private static Map<String, List<String>> imports() throws IOException {
        Map<String, List<String>> all = new TreeMap<>();
        Path root = MAIN.resolve("org/cdigateway");
        try (var files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f, StandardCharsets.UTF_8));
                List<String> found = new java.util.ArrayList<>();
                while (m.find()) {
                    found.add(m.group(1));
                }
                all.put(root.relativize(f).toString().replace('\\', '/'), found);
            }
        }
        return all;
    }

    @Test
    void theDeploymentMessagesImportNothingElseOfTheGateway() throws IOException {
        Map<String, List<String>> all = imports();
        assertThat(all).containsKey("internal/deployment/GatewayMessages.java");
        all.forEach((file, imports) -> {
            if (file.startsWith("internal/deployment/")) {
                assertThat(imports).as(file).noneMatch(i -> i.startsWith("org.cdigateway.internal."));
            }
        });
    }

    @Test
    void onlyTheExtensionsPackageImportsFromIt() throws IOException {
        imports().forEach((file, imports) -> {
            if (!file.startsWith("internal/extension/")) {
                assertThat(imports).as(file).noneMatch(i -> i.startsWith("org.cdigateway.internal.extension."));
            }
        });
    }

    @Test
    void noMainCodeLooksTheExtensionUp() throws IOException {
        try (var files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(f.toString())
                        .doesNotContain("getExtension(");
            }
        }
    }
}
