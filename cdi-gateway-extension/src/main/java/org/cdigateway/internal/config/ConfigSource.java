package org.cdigateway.internal.config;

import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads configuration keys through MicroProfile Config when the application can see it, and finds nothing
 * otherwise. The MicroProfile types are touched only after checking that they load.
 */
public final class ConfigSource {

    private ConfigSource() {}

    /** The configuration the application of {@code gateway} sees: a key's value, or empty. */
    public static Function<String, Optional<String>> forClass(Class<?> gateway) {
        ClassLoader loader = gateway.getClassLoader();
        if (!present(loader)) {
            return key -> Optional.empty();
        }
        try {
            return Mp.read(loader);
        } catch (RuntimeException | LinkageError e) {
            return key -> Optional.empty(); // MicroProfile Config API without an implementation
        }
    }

    private static boolean present(ClassLoader loader) {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false, ConfigSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static final class Mp {

        static Function<String, Optional<String>> read(ClassLoader loader) {
            Config config = ConfigProvider.getConfig(loader);
            return key -> config.getOptionalValue(key, String.class);
        }
    }
}
