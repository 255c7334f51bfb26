package org.cdigateway.tck.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.websocket.server.ServerEndpoint;

import org.cdigateway.se.GatewayRuntime;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ExplodedExporter;

/**
 * Serves each deployed WAR with its own {@link GatewayRuntime}, the way a server would: the classes of
 * {@code WEB-INF/classes} are deployed in annotated discovery, its {@code @ServerEndpoint}s are served next to the
 * gateways, its web resources as static files. A deployment problem fails the deployment with the runtime's exception,
 * so tests see the same IDs as on a server.
 *
 * <p>
 * As in a server, the classes of {@code WEB-INF/classes} are the application's own even when the test's classpath has
 * them too (the suite's gateways): they are loaded first from the WAR, so static state is never shared with the test or
 * with another deployment. Everything else (the extension, the Jakarta APIs, the runtime) comes from the test's
 * classpath, like the libraries a server provides.
 */
public class EmbeddedRuntimeContainer implements DeployableContainer<EmbeddedRuntimeConfiguration> {

    private final Map<String, Deployed> deployed = new ConcurrentHashMap<>();
    private EmbeddedRuntimeConfiguration configuration = new EmbeddedRuntimeConfiguration();

    private record Deployed(GatewayRuntime runtime, URLClassLoader loader, Path directory) {}

    @Override
    public Class<EmbeddedRuntimeConfiguration> getConfigurationClass() {
        return EmbeddedRuntimeConfiguration.class;
    }

    @Override
    public void setup(EmbeddedRuntimeConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        Path directory;
        try {
            directory = Files.createTempDirectory("cdi-gateway-tck-");
        } catch (IOException e) {
            throw new DeploymentException("Cannot create a directory for " + archive.getName(), e);
        }
        Path root = archive.as(ExplodedExporter.class).exportExploded(directory.toFile()).toPath();
        URLClassLoader loader = null;
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            Path classes = root.resolve("WEB-INF/classes");
            loader = new WarClassLoader(archive.getName(), urls(root, classes), classes, previous);
            List<Class<?>> beanClasses = new ArrayList<>();
            List<Class<?>> endpoints = new ArrayList<>();
            for (String name : classNames(classes)) {
                Class<?> c = Class.forName(name, false, loader);
                if (c.isAnnotationPresent(ServerEndpoint.class)) {
                    endpoints.add(c);
                } else {
                    beanClasses.add(c);
                }
            }
            Thread.currentThread().setContextClassLoader(loader);
            GatewayRuntime.Builder builder = GatewayRuntime.builder().host(configuration.getHost()).port(0)
                    .beanClasses(beanClasses.toArray(Class<?>[]::new))
                    .serverEndpoints(endpoints.toArray(Class<?>[]::new));
            Path web = webResources(root, directory.resolve("web"));
            if (web != null) {
                builder.staticFiles(web);
            }
            GatewayRuntime runtime = builder.start();
            deployed.put(archive.getName(), new Deployed(runtime, loader, directory));
            return new ProtocolMetaData().addContext(new HTTPContext(runtime.host(), runtime.port())
                    .add(new Servlet("default", "")));
        } catch (Exception | LinkageError e) {
            close(loader);
            delete(directory);
            throw new DeploymentException("Deployment of " + archive.getName() + " failed: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Override
    public void undeploy(Archive<?> archive) {
        Deployed d = deployed.remove(archive.getName());
        if (d != null) {
            try {
                d.runtime().close();
            } finally {
                close(d.loader());
                delete(d.directory());
            }
        }
    }

    @Override
    public void stop() {
        for (String name : List.copyOf(deployed.keySet())) {
            Deployed d = deployed.remove(name);
            if (d != null) {
                d.runtime().close();
                close(d.loader());
                delete(d.directory());
            }
        }
    }

    private static URL[] urls(Path root, Path classes) throws IOException {
        List<URL> urls = new ArrayList<>();
        if (Files.isDirectory(classes)) {
            urls.add(classes.toUri().toURL());
        }
        Path lib = root.resolve("WEB-INF/lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(toUrl(jar));
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> classNames(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString())
                    .map(s -> s.substring(0, s.length() - ".class".length()).replace('/', '.'))
                    .filter(s -> !s.endsWith("package-info") && !s.endsWith("module-info"))
                    .sorted()
                    .toList();
        }
    }

    /** Copies the WAR's web resources (all but WEB-INF and META-INF) to their own directory; null if there are none. */
    private static Path webResources(Path root, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).filter(p -> {
                String first = root.relativize(p).getName(0).toString();
                return !first.equals("WEB-INF") && !first.equals("META-INF");
            }).toList();
        }
        if (files.isEmpty()) {
            return null;
        }
        for (Path file : files) {
            Path copy = target.resolve(root.relativize(file).toString());
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
        return target;
    }

    private static void close(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left for the OS
        }
    }

    /** Loads the WAR's own classes child-first, everything else from the parent. */
    private static final class WarClassLoader extends URLClassLoader {

        private final Path classes;

        WarClassLoader(String name, URL[] urls, Path classes, ClassLoader parent) {
            super(name, urls, parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && Files.isRegularFile(classes.resolve(name.replace('.', '/') + ".class"))) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
