package org.cdigateway.maven;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.cdigateway.Global;
import org.cdigateway.Guard;
import org.cdigateway.WebSocketGateway;
import org.cdigateway.internal.asyncapi.AsyncApiGenerator;

/**
 * Writes the AsyncAPI 3.0 document of the project's gateways: the classes annotated {@code @WebSocketGateway} among
 * the compiled classes ({@code target/classes}), loaded with the project's compile class path and described by the
 * generator of {@code cdi-gateway-extension}, into {@code target/asyncapi/asyncapi.json}.
 *
 * <p>
 * The types the gateway classes share with the generator ({@code org.cdigateway.*}, the Jakarta APIs) are those of
 * the plugin, so that the generator recognizes the annotations; the project's own classes and libraries are the
 * project's.
 */
@Mojo(name = "asyncapi", defaultPhase = LifecyclePhase.PROCESS_CLASSES, requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class AsyncApiMojo extends AbstractMojo {

    /** Where the document is written. */
    @Parameter(property = "cdigateway.asyncapi.outputFile", defaultValue = "${project.build.directory}/asyncapi/asyncapi.json")
    File outputFile;

    /** The document's {@code info.title}. */
    @Parameter(property = "cdigateway.asyncapi.title", defaultValue = "${project.name}")
    String title;

    /** The document's {@code info.version}. */
    @Parameter(property = "cdigateway.asyncapi.version", defaultValue = "${project.version}")
    String version;

    /** The document's {@code info.description}, before the close codes; none by default. */
    @Parameter(property = "cdigateway.asyncapi.description")
    String description;

    /** Writes nothing. */
    @Parameter(property = "cdigateway.asyncapi.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
    File classesDirectory;

    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
    List<String> classpathElements;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the AsyncAPI document");
            return;
        }
        Path classes = classesDirectory.toPath();
        if (!Files.isDirectory(classes)) {
            getLog().info("No compiled classes in " + classes + ": no AsyncAPI document written");
            return;
        }
        List<String> names = classNames(classes);
        try (URLClassLoader loader = new URLClassLoader(urls(classes), getClass().getClassLoader())) {
            List<Class<?>> gateways = new ArrayList<>();
            List<Class<?>> globalGuards = new ArrayList<>(); // guard every gateway: their security schemes too
            for (String name : names) {
                Class<?> c = load(loader, name);
                if (c != null && c.isAnnotationPresent(WebSocketGateway.class)) {
                    gateways.add(c);
                }
                if (c != null && c.isAnnotationPresent(Global.class) && Guard.class.isAssignableFrom(c)) {
                    globalGuards.add(c);
                }
            }
            if (gateways.isEmpty()) {
                getLog().warn("No class of " + classes + " is annotated @WebSocketGateway: the AsyncAPI document at "
                        + outputFile + " describes no gateway");
            }
            AsyncApiGenerator generator = new AsyncApiGenerator(title, version).globalGuards(globalGuards);
            if (description != null && !description.isBlank()) {
                generator.description(description.strip());
            }
            String json;
            try {
                json = AsyncApiGenerator.write(generator.generate(gateways));
            } catch (RuntimeException | LinkageError e) {
                throw new MojoFailureException("Cannot describe the gateways " + gateways + ": " + e, e);
            }
            Path out = outputFile.toPath();
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, json, StandardCharsets.UTF_8);
            getLog().info("Wrote the AsyncAPI document of " + gateways.size() + " gateway(s) to " + out);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write the AsyncAPI document " + outputFile + ": " + e, e);
        }
    }

    /** The binary names of the classes under {@code root}, sorted; {@code module-info} and {@code package-info} left out. */
    static List<String> classNames(Path root) throws MojoExecutionException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace(File.separatorChar, '.'))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot list the classes of " + root + ": " + e, e);
        }
    }

    private URL[] urls(Path classes) throws MojoExecutionException {
        Set<Path> entries = new LinkedHashSet<>();
        entries.add(classes.toAbsolutePath());
        if (classpathElements != null) {
            classpathElements.forEach(e -> entries.add(Path.of(e).toAbsolutePath()));
        }
        List<URL> urls = new ArrayList<>();
        for (Path p : entries) {
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new MojoExecutionException("Cannot use the class path entry " + p + ": " + e, e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** The class, not initialized; null, with a warning, when it cannot be loaded (a library missing at compile time). */
    private Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            getLog().warn("Not looking at " + name + ", which cannot be loaded: " + e);
            return null;
        }
    }
}
