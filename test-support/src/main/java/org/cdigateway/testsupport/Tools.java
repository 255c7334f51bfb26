package org.cdigateway.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The tools a test runs outside the JVM, and the rule for a missing one: the test is skipped with the message, which
 * says how to install the tool, except on CI ({@code CI} set), where it fails with it.
 */
public final class Tools {

    private Tools() {}

    /**
     * Fails with {@code missing} on CI, or skips the calling test with it elsewhere, unless {@code present}.
     *
     * @throws IllegalStateException on CI, when the tool is missing
     */
    public static void require(boolean present, String missing) {
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException(missing);
        }
        Assumptions.assumeTrue(present, missing);
    }

    /** {@link #require(boolean, String)} for commands looked up on the {@code PATH}. */
    public static void requireOnPath(String missing, String... commands) {
        require(onPath(commands), missing);
    }

    /** Whether every command is an executable file in a directory of the {@code PATH}. */
    public static boolean onPath(String... commands) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String command : commands) {
            boolean found = false;
            for (String dir : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, command))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The environment variable {@code name}, or {@code fallback} when it is unset or blank. */
    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
