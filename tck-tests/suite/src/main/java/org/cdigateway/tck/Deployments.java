package org.cdigateway.tck;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

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

    private Deployments() {}

    /** A WAR named {@code name.war} (deployed at {@code /name} on a server) with these classes. */
    public static WebArchive war(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(classes).addAsLibrary(extensionJar());
    }

    /** The extension jar as built: the jar of the module, or its classes directory when run from an IDE. */
    public static JavaArchive extensionJar() {
        Path location = location(WebSocketGateway.class);
        if (Files.isDirectory(location)) {
            return ShrinkWrap.create(ExplodedImporter.class, "cdi-gateway-extension.jar").importDirectory(
                    location.toFile()).as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, "cdi-gateway-extension.jar").importFrom(location.toFile())
                .as(JavaArchive.class);
    }

    /** The Socket.IO adapter's jar as built, for WARs of gateways that speak Socket.IO. */
    public static JavaArchive socketIoJar() {
        Path location = location(org.cdigateway.socketio.internal.server.SocketIoAdapter.class);
        if (Files.isDirectory(location)) {
            return ShrinkWrap.create(ExplodedImporter.class, "gateway-socketio.jar").importDirectory(
                    location.toFile()).as(JavaArchive.class);
        }
        return ShrinkWrap.create(ZipImporter.class, "gateway-socketio.jar").importFrom(location.toFile())
                .as(JavaArchive.class);
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
