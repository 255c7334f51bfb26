package org.cdigateway.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayGeneratorTest {

    @TempDir
    Path dir;

    private static GatewayGenerator.Options options(String name, String pkg, String path, List<String> events,
            boolean guarded) {
        return new GatewayGenerator.Options(name, pkg, path, events, guarded);
    }

    @Test
    void namesThatAreNotJavaIdentifiersAreRefusedWithASuggestion() {
        assertThat(GatewayGenerator.problems(options("chat-room", "com.acme", null, List.of("message"), false)))
                .containsExactly("The name 'chat-room' is not a Java identifier: use letters, digits and _ and start "
                        + "with a letter, for example -Dname=chatRoom");
        assertThat(GatewayGenerator.problems(options("9lives", "com.acme", null, List.of("message"), false)))
                .singleElement().asString().contains("-Dname=lives");
        assertThat(GatewayGenerator.problems(options("class", "com.acme", null, List.of("message"), false)))
                .singleElement().asString().contains("is not a Java identifier");
        assertThat(GatewayGenerator.problems(options("Int", "com.acme", null, List.of("message"), false)))
                .containsExactly("The name 'Int' gives the package 'int', a Java keyword: choose another name");
        assertThat(GatewayGenerator.problems(options(null, "com.acme", null, List.of("message"), false)))
                .singleElement().asString().startsWith("No gateway name: add -Dname=chat");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(GatewayGenerator.problems(options("chat", "com.1acme", "chat", List.of("send", "9x", "send_"),
                false))).hasSize(4).anyMatch(p -> p.contains("-Dpackage=com.example"))
                .anyMatch(p -> p.contains("-Dpath=/chat")).anyMatch(p -> p.contains("'9x'"))
                .anyMatch(p -> p.contains("send() twice"));
    }

    @Test
    void theBasePackageIsTheDeepestOneHoldingAllTheCode() throws IOException {
        write("com/acme/shop/Shop.java");
        write("com/acme/shop/model/Item.java");
        assertThat(GatewayGenerator.basePackage(dir, "org.fallback")).isEqualTo("com.acme.shop");
        write("com/acme/billing/Bill.java");
        assertThat(GatewayGenerator.basePackage(dir, "org.fallback")).isEqualTo("com.acme");
        write("org/other/Thing.java");
        assertThat(GatewayGenerator.basePackage(dir, "org.fall-back")).isEqualTo("org.fall_back");
        assertThat(GatewayGenerator.basePackage(dir.resolve("missing"), "com.Example.9")).isEqualTo("com.example._9");
        Path flat = Files.createDirectories(dir.resolve("flat"));
        Files.writeString(flat.resolve("Main.java"), "class Main {}"); // the default package holds no package
        assertThat(GatewayGenerator.basePackage(flat, "org.fallback")).isEqualTo("org.fallback");
    }

    private void write(String file) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "class X {}");
    }

    @Test
    void eventNamesBecomeMethodNames() {
        assertThat(GatewayGenerator.methodName("send_message")).isEqualTo("sendMessage");
        assertThat(GatewayGenerator.methodName("join-room")).isEqualTo("joinRoom");
        assertThat(GatewayGenerator.methodName("typing")).isEqualTo("typing");
    }

    @Test
    void theGeneratedFilesCompileAgainstTheApi() throws IOException {
        List<GatewayGenerator.SourceFile> plain = GatewayGenerator.files(options("chat", "com.acme", null,
                List.of("send_message", "typing"), false));
        assertThat(plain).extracting(f -> f.relativePath().toString().replace('\\', '/')).containsExactly(
                "com/acme/chat/ChatGateway.java", "com/acme/chat/ChatMessage.java",
                "com/acme/chat/ChatGatewayTest.java");
        assertThat(plain.get(0).text()).contains("@WebSocketGateway(\"/chat\")")
                .contains("@SubscribeMessage(\"send_message\")").contains("public ChatMessage sendMessage(")
                .doesNotContain("UseGuards");
        compile(plain);

        List<GatewayGenerator.SourceFile> guarded = GatewayGenerator.files(options("orders", "org.demo", "/api/orders",
                List.of("message"), true));
        assertThat(guarded).extracting(f -> f.relativePath().getFileName().toString()).containsExactly(
                "OrdersGateway.java", "OrdersMessage.java", "OrdersGuard.java", "OrdersGatewayTest.java");
        assertThat(guarded.get(0).text()).contains("@WebSocketGateway(\"/api/orders\")")
                .contains("@UseGuards(OrdersGuard.class)");
        assertThat(guarded.get(3).text()).contains("refusesAClientWithoutAToken").contains("WITH_TOKEN");
        compile(guarded);
    }

    private void compile(List<GatewayGenerator.SourceFile> files) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        List<Path> paths = new ArrayList<>();
        for (GatewayGenerator.SourceFile f : files) {
            Path p = src.resolve(f.relativePath());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.text());
            paths.add(p);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            boolean ok = javac.getTask(null, fm, diagnostics, List.of("-d", Files.createTempDirectory(dir, "out")
                    .toString(), "-classpath", System.getProperty("java.class.path")), null,
                    fm.getJavaFileObjectsFromPaths(paths)).call();
            assertThat(diagnostics.getDiagnostics()).as("compiler errors")
                    .noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
            assertThat(ok).isTrue();
        }
    }
}
