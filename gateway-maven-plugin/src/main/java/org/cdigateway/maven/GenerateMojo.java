package org.cdigateway.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates a gateway into the current project: {@code mvn cdi-gateway:generate -Dname=chat}.
 *
 * <p>
 * Writes {@code <base package>/chat/ChatGateway.java} (a {@code @WebSocketGateway("/chat")} with a
 * {@code @SubscribeMessage} handler per event and a connection hook), {@code ChatMessage.java} (the frames' data),
 * with {@code -Dguarded} {@code ChatGuard.java}, and {@code ChatGatewayTest.java}, which uses the JUnit 5 extension
 * ({@code org.cdigateway:gateway-junit5}, test scope) and passes as generated. Refuses to overwrite files unless
 * {@code -Doverwrite}.
 */
@Mojo(name = "generate", requiresProject = true, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** The gateway's name, a Java identifier: {@code chat} gives {@code chat.ChatGateway} serving {@code /chat}. */
    @Parameter(property = "name")
    String name;

    /** The package the gateway's package goes in; by default the package that holds all of the project's code. */
    @Parameter(property = "package")
    String basePackage;

    /** The path the gateway serves; by default {@code /<name>}. */
    @Parameter(property = "path")
    String path;

    /** The events it handles, separated by commas; one handler method each. */
    @Parameter(property = "events", defaultValue = "message")
    String events;

    /** Adds a guard that requires a bearer token, and a test of the refusal. */
    @Parameter(property = "guarded", defaultValue = "false")
    boolean guarded;

    /** Replaces files that exist. */
    @Parameter(property = "overwrite", defaultValue = "false")
    boolean overwrite;

    @Parameter(defaultValue = "${project.build.sourceDirectory}", readonly = true)
    File sourceDirectory;

    @Parameter(defaultValue = "${project.build.testSourceDirectory}", readonly = true)
    File testSourceDirectory;

    @Parameter(defaultValue = "${project.groupId}", readonly = true)
    String groupId;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<String> eventList = Arrays.stream(events == null ? new String[0] : events.split(",")).map(String::strip)
                .filter(e -> !e.isEmpty()).toList();
        String pkg = basePackage != null
                ? basePackage.strip()
                : GatewayGenerator.basePackage(sourceDirectory.toPath(), groupId);
        GatewayGenerator.Options options = new GatewayGenerator.Options(name == null ? null : name.strip(), pkg, path,
                eventList, guarded);
        List<String> problems = GatewayGenerator.problems(options);
        if (!problems.isEmpty()) {
            throw new MojoFailureException("Cannot generate the gateway:\n  - " + String.join("\n  - ", problems));
        }
        List<GatewayGenerator.SourceFile> files = GatewayGenerator.files(options);
        List<Path> existing = new ArrayList<>();
        for (GatewayGenerator.SourceFile f : files) {
            Path target = target(f);
            if (Files.exists(target)) {
                existing.add(target);
            }
        }
        if (!existing.isEmpty() && !overwrite) {
            StringBuilder message = new StringBuilder("Not generating the gateway: these files already exist");
            existing.forEach(p -> message.append("\n  - ").append(p));
            message.append("\nChoose another -Dname, or add -Doverwrite to replace them.");
            throw new MojoFailureException(message.toString());
        }
        for (GatewayGenerator.SourceFile f : files) {
            Path target = target(f);
            try {
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.text(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoExecutionException("Could not write " + target, e);
            }
            getLog().info((existing.contains(target) ? "Replaced " : "Created ") + target);
        }
        getLog().info("The test uses org.cdigateway:gateway-junit5 and org.junit.jupiter:junit-jupiter (test scope).");
    }

    private Path target(GatewayGenerator.SourceFile f) {
        return (f.test() ? testSourceDirectory : sourceDirectory).toPath().resolve(f.relativePath());
    }
}
