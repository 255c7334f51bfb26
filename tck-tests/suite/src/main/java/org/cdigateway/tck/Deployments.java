package org.cdigateway.tck;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.cdigateway.WebSocketGateway;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the WARs of the suite the way users package theirs: their classes in {@code WEB-INF/classes}, the extension
 * jar in {@code WEB-INF/lib}, no {@code beans.xml}, no {@code web.xml}.
 */
public final class Deployments {

    /**
     * The jars {@code gateway-redis} depends on, by their names up to the version ({@code netty-}: every Netty module);
     * a jar Lettuce comes to need and this list lacks fails the deployment with a {@code NoClassDefFoundError}.
     */
    private static final List<String> REDIS_LIBRARIES = List.of("lettuce-core-", "redis-authx-core-", "slf4j-api-",
            "netty-", "reactor-core-", "reactive-streams-");

    private Deployments() {}

    /** A WAR named {@code name.war} (deployed at {@code /name} on a server) with these classes. */
    public static WebArchive war(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(classes).addAsLibrary(extensionJar());
    }

    /** The extension jar as built: the jar of the module, or its classes directory when run from an IDE. */
    public static JavaArchive extensionJar() {
        return jar("cdi-gateway-extension.jar", location(WebSocketGateway.class));
    }

    /** The Socket.IO adapter's jar as built, for WARs of gateways that speak Socket.IO. */
    public static JavaArchive socketIoJar() {
        return jar("gateway-socketio.jar", location(org.cdigateway.socketio.internal.server.SocketIoAdapter.class));
    }

    /**
     * What {@code gateway-redis} puts into a WAR's {@code WEB-INF/lib}: its jar as built, and the jars of the test's
     * class path that Maven resolved for it ({@code ./mvnw dependency:tree -pl gateway-redis}): Lettuce, its
     * authentication API and SLF4J, Netty, Reactor and Reactive Streams.
     */
    public static JavaArchive[] redisLibraries() {
        List<JavaArchive> jars = new ArrayList<>();
        jars.add(jar("gateway-redis.jar", location(org.cdigateway.redis.RedisBroadcaster.class)));
        List<Path> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).filter(Files::isRegularFile).toList();
        for (String prefix : REDIS_LIBRARIES) {
            List<Path> matching = classPath.stream().filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList();
            if (matching.isEmpty()) {
                throw new IllegalStateException("No " + prefix + "*.jar on the class path " + classPath);
            }
            matching.forEach(p -> jars.add(jar(p.getFileName().toString(), p)));
        }
        return jars.toArray(JavaArchive[]::new);
    }

    /** A jar as built, or a module's classes directory when run from an IDE, named {@code name} in the WAR. */
    private static JavaArchive jar(String name, Path location) {
        if (Files.isDirectory(location)) {
            return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(location.toFile())
                    .as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, name).importFrom(location.toFile()).as(JavaArchive.class);
    }

    /** The sample application's WAR, as built by {@code sample-war} (system property {@code cdigateway.tck.sampleWar}). */
    public static WebArchive sampleWar() {
        String path = System.getProperty("cdigateway.tck.sampleWar");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("System property cdigateway.tck.sampleWar must name the sample WAR, was "
                    + path);
        }
        return ShrinkWrap.create(ZipImporter.class, "sample.war").importFrom(new File(path)).as(WebArchive.class);
    }

    private static Path location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        try {
            URL url = source.getLocation();
            return Path.of(url.toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Cannot find where " + c.getName() + " was loaded from", e);
        }
    }
}
