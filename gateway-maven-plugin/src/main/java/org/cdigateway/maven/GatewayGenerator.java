package org.cdigateway.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the sources of a new gateway: {@code <name>/<Name>Gateway.java} with a handler per event, a lifecycle hook
 * and a message record, a test that uses the JUnit 5 extension, and, when guarded, a guard. Pure: computes file
 * contents; {@link GenerateMojo} writes them.
 */
public final class GatewayGenerator {

    /** What to generate. */
    public record Options(String name, String basePackage, String path, List<String> events, boolean guarded) {}

    /** A file to write: where, relative to the source or test source directory, and its text. */
    public record SourceFile(boolean test, Path relativePath, String text) {}

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits",
            "_");

    private GatewayGenerator() {}

    /** Checks the options; returns every problem found, each with how to fix it. */
    public static List<String> problems(Options o) {
        List<String> problems = new ArrayList<>();
        if (o.name() == null || o.name().isBlank()) {
            problems.add("No gateway name: add -Dname=chat (a Java identifier such as chat or orderUpdates)");
        } else if (!isIdentifier(o.name())) {
            problems.add("The name '" + o.name() + "' is not a Java identifier: use letters, digits and _ and start "
                    + "with a letter, for example -Dname=" + suggestion(o.name()));
        } else if (!isIdentifier(o.name().toLowerCase(Locale.ROOT))) {
            problems.add("The name '" + o.name() + "' gives the package '" + o.name().toLowerCase(Locale.ROOT)
                    + "', a Java keyword: choose another name");
        }
        if (o.basePackage() != null && !o.basePackage().isEmpty()) {
            for (String segment : o.basePackage().split("\\.", -1)) {
                if (!isIdentifier(segment)) {
                    problems.add("The package '" + o.basePackage() + "' is not a Java package name: use "
                            + "-Dpackage=com.example (dot-separated identifiers)");
                    break;
                }
            }
        }
        if (o.path() != null && !o.path().startsWith("/")) {
            problems.add("The path '" + o.path() + "' must start with /, for example -Dpath=/" + o.path());
        }
        if (o.events().isEmpty()) {
            problems.add("No events: -Devents takes event names separated by commas, for example -Devents=send,typing");
        }
        Set<String> methods = new TreeSet<>();
        for (String event : o.events()) {
            String method = methodName(event);
            if (event.isBlank() || !isIdentifier(method)) {
                problems.add("The event '" + event + "' cannot name a handler method: use letters, digits, _ and -, "
                        + "starting with a letter (for example send_message)");
            } else if (!methods.add(method)) {
                problems.add("The events give the handler method " + method + "() twice: " + o.events());
            }
        }
        return problems;
    }

    /**
     * The package that holds a project's code: the deepest package that contains every Java source under
     * {@code sources}; {@code fallback} (the group id) when there are none or they share no package.
     */
    public static String basePackage(Path sources, String fallback) {
        List<String> packages = new ArrayList<>();
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java")).map(f -> sources.relativize(f.getParent()))
                        .map(GatewayGenerator::packageName).distinct().forEach(packages::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String common = null;
        for (String p : packages) {
            common = common == null ? p : commonPrefix(common, p);
        }
        if (common == null || common.isEmpty()) {
            return sanitize(fallback);
        }
        return common;
    }

    /** {@code com/acme/shop} → {@code com.acme.shop}; the empty path → {@code ""}. */
    private static String packageName(Path relativeDirectory) {
        List<String> names = new ArrayList<>();
        relativeDirectory.forEach(n -> names.add(n.toString()));
        return String.join(".", names);
    }

    private static String commonPrefix(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(x.length, y.length) && x[i].equals(y[i]); i++) {
            sb.append(sb.length() == 0 ? "" : ".").append(x[i]);
        }
        return sb.toString();
    }

    /** A group id as a package: {@code com.my-company} → {@code com.my_company}. */
    static String sanitize(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            return "app";
        }
        List<String> segments = new ArrayList<>();
        for (String s : groupId.split("\\.")) {
            String id = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            if (id.isEmpty()) {
                continue;
            }
            if (!Character.isJavaIdentifierStart(id.charAt(0)) || KEYWORDS.contains(id)) {
                id = "_" + id;
            }
            segments.add(id);
        }
        return segments.isEmpty() ? "app" : String.join(".", segments);
    }

    static boolean isIdentifier(String s) {
        if (s == null || s.isEmpty() || KEYWORDS.contains(s) || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        return s.chars().allMatch(Character::isJavaIdentifierPart) && s.chars().noneMatch(c -> c == '$');
    }

    private static String suggestion(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                sb.append(upper && sb.length() > 0 ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        String s = sb.toString();
        while (!s.isEmpty() && !Character.isLetter(s.charAt(0))) {
            s = s.substring(1);
        }
        return s.isEmpty() ? "chat" : s;
    }

    /** {@code send_message} and {@code send-message} → {@code sendMessage}. */
    static String methodName(String event) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : event.strip().toCharArray()) {
            if (c == '_' || c == '-' || c == '.' || c == ' ') {
                upper = sb.length() > 0;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The files of the gateway; call only with options that have no {@link #problems}. */
    public static List<SourceFile> files(Options o) {
        String type = capitalize(o.name());
        String pkg = (o.basePackage() == null || o.basePackage().isEmpty() ? "" : o.basePackage() + ".")
                + o.name().toLowerCase(Locale.ROOT);
        Path dir = Path.of(pkg.replace('.', '/'));
        String path = o.path() == null ? "/" + o.name() : o.path();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("PACKAGE", pkg);
        names.put("TYPE", type);
        names.put("PATH", path);
        names.put("FIRST_EVENT", o.events().get(0));

        List<SourceFile> files = new ArrayList<>();
        files.add(new SourceFile(false, dir.resolve(type + "Gateway.java"), fill(gateway(o), names)));
        files.add(new SourceFile(false, dir.resolve(type + "Message.java"), fill(MESSAGE, names)));
        if (o.guarded()) {
            files.add(new SourceFile(false, dir.resolve(type + "Guard.java"), fill(GUARD, names)));
        }
        files.add(new SourceFile(true, dir.resolve(type + "GatewayTest.java"), fill(test(o), names)));
        return files;
    }

    private static String fill(String template, Map<String, String> names) {
        String text = template;
        for (Map.Entry<String, String> e : names.entrySet()) {
            text = text.replace("%" + e.getKey() + "%", e.getValue());
        }
        return text;
    }

    private static String gateway(Options o) {
        StringBuilder handlers = new StringBuilder();
        for (String event : o.events()) {
            handlers.append(HANDLER.replace("%EVENT%", event).replace("%METHOD%", methodName(event)));
        }
        return GATEWAY.replace("%GUARD_IMPORT%", o.guarded() ? "import org.cdigateway.UseGuards;\n" : "")
                .replace("%GUARD_ANNOTATION%", o.guarded() ? "@UseGuards(%TYPE%Guard.class)\n" : "")
                .replace("%HANDLERS%", handlers.toString().stripTrailing() + "\n");
    }

    private static String test(Options o) {
        StringBuilder tests = new StringBuilder();
        for (String event : o.events()) {
            tests.append(TEST_HANDLER.replace("%EVENT%", event).replace("%METHOD_TYPE%",
                    capitalize(methodName(event))));
        }
        String connect = o.guarded() ? "clients.connect(\"%PATH%\", WITH_TOKEN)" : "clients.connect(\"%PATH%\")";
        return TEST
                .replace("%CLASSES%", o.guarded() ? "{%TYPE%Gateway.class, %TYPE%Guard.class}" : "%TYPE%Gateway.class")
                .replace("%OPTIONS_IMPORT%", o.guarded() ? "import org.cdigateway.junit5.client.ClientOptions;\n" : "")
                .replace("%TOKEN%", o.guarded() ? TEST_TOKEN : "")
                .replace("%GUARD_TEST%", o.guarded() ? TEST_GUARD : "")
                .replace("%HANDLER_TESTS%", tests.toString())
                .replace("%CONNECT%", connect);
    }

    private static final String GATEWAY = """
            package %PACKAGE%;

            import org.cdigateway.ConnectedSocket;
            import org.cdigateway.GatewayClient;
            import org.cdigateway.MessageBody;
            import org.cdigateway.OnGatewayConnection;
            import org.cdigateway.SubscribeMessage;
            %GUARD_IMPORT%import org.cdigateway.WebSocketGateway;

            /**
             * Serves %PATH%. Clients send {"event":"%FIRST_EVENT%","data":{"text":"hi"},"id":1} and get a reply with the same
             * event and id.
             */
            @WebSocketGateway("%PATH%")
            %GUARD_ANNOTATION%public class %TYPE%Gateway implements OnGatewayConnection {

                @Override
                public void handleConnection(GatewayClient client) {
                    client.emit("welcome", client.id()); // runs once per connection, before its first message
                }

            %HANDLERS%}
            """;

    private static final String HANDLER = """
                @SubscribeMessage("%EVENT%")
                public %TYPE%Message %METHOD%(@MessageBody %TYPE%Message message, @ConnectedSocket GatewayClient client) {
                    return message; // the reply to the sender, with the frame's id
                }

            """;

    private static final String MESSAGE = """
            package %PACKAGE%;

            /** The data of the gateway's frames: {"text":"hi"}. */
            public record %TYPE%Message(String text) {}
            """;

    private static final String GUARD = """
            package %PACKAGE%;

            import jakarta.enterprise.context.ApplicationScoped;

            import org.cdigateway.BearerToken;
            import org.cdigateway.CanActivate;
            import org.cdigateway.ExecutionContext;
            import org.cdigateway.GatewayClient;
            import org.cdigateway.UnauthorizedException;

            /**
             * Lets in clients that bring a bearer token (Authorization header, "bearer" subprotocol, access_token cookie or
             * query parameter); runs when a client connects (refusal: close 4401) and before each of its messages.
             */
            @ApplicationScoped
            public class %TYPE%Guard implements CanActivate {

                @Override
                public boolean canActivate(ExecutionContext context) {
                    GatewayClient client = context.switchToWs().getClient();
                    String token = BearerToken.find(client)
                            .orElseThrow(() -> new UnauthorizedException("A bearer token is required"));
                    return isValid(token);
                }

                /** Replace with the check of your identity provider, such as a JWT signature and expiry. */
                boolean isValid(String token) {
                    return !token.isBlank();
                }
            }
            """;

    private static final String TEST = """
            package %PACKAGE%;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import static org.junit.jupiter.api.Assertions.assertFalse;

            import java.time.Duration;

            import org.cdigateway.junit5.Clients;
            import org.cdigateway.junit5.GatewayTest;
            %OPTIONS_IMPORT%import org.cdigateway.junit5.client.GatewayTestClient;
            import org.junit.jupiter.api.Test;

            /** Runs the gateway on the embedded runtime and talks to it over a real socket. */
            @GatewayTest(classes = %CLASSES%)
            class %TYPE%GatewayTest {

                static final Duration WAIT = Duration.ofSeconds(5);
            %TOKEN%
                @Test
                void welcomesANewClient(Clients clients) {
                    GatewayTestClient client = %CONNECT%;
                    assertFalse(client.awaitEvent("welcome", WAIT).data(String.class).isBlank()); // the client's id
                }
            %HANDLER_TESTS%%GUARD_TEST%}
            """;

    private static final String TEST_TOKEN = """
                static final ClientOptions WITH_TOKEN = ClientOptions.defaults().header("Authorization", "Bearer test-token");
            """;

    private static final String TEST_HANDLER = """

                @Test
                void answers%METHOD_TYPE%(Clients clients) {
                    GatewayTestClient client = %CONNECT%;
                    %TYPE%Message reply = client.request("%EVENT%", new %TYPE%Message("hello")).data(%TYPE%Message.class);
                    assertEquals("hello", reply.text());
                }
            """;

    private static final String TEST_GUARD = """

                @Test
                void refusesAClientWithoutAToken(Clients clients) {
                    assertEquals(4401, clients.connect("%PATH%").awaitClose(WAIT).code());
                }
            """;
}
