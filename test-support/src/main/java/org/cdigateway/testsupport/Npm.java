package org.cdigateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * npm for the tests that install a package's pinned dependencies ({@code package-lock.json}) under {@code target/}, or
 * build a package. The test checks first that node and npm are there ({@link Tools#requireOnPath}).
 */
public final class Npm {

    private Npm() {}

    /**
     * Copies {@code files} from {@code sources} into {@code home}, created when missing, replacing what is there: the
     * package's files, copied next to the {@code node_modules} that {@link #ci} installs.
     */
    public static void copy(Path sources, Path home, String... files) {
        try {
            Files.createDirectories(home);
            for (String f : files) {
                Files.copy(sources.resolve(f), home.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code npm ci} in {@code directory}, quietly ({@code --no-audit --no-fund --loglevel=error}), with the options
     * before those and more environment variables.
     *
     * @throws IllegalStateException with npm's output, when it fails or does not end within {@code limit}
     */
    public static void ci(Path directory, Map<String, String> environment, Duration limit, String... options) {
        List<String> command = new ArrayList<>(List.of("npm", "ci"));
        command.addAll(List.of(options));
        command.addAll(List.of("--no-audit", "--no-fund", "--loglevel=error"));
        check(ProcessRun.run(directory, environment, limit, command), "npm ci", directory, limit);
    }

    /**
     * Fails when {@code run} (named {@code what}, run in {@code directory}) did not end within {@code limit} or ended
     * with another exit code than 0.
     *
     * @throws IllegalStateException with the command's output
     */
    public static void check(ProcessRun run, String what, Path directory, Duration limit) {
        if (run.timedOut()) {
            throw new IllegalStateException(what + " did not end within " + limit.toSeconds() + " s in "
                    + directory.toAbsolutePath() + ":\n" + run.output());
        }
        if (run.exitCode() != 0) {
            throw new IllegalStateException(what + " failed in " + directory.toAbsolutePath() + " (exit code "
                    + run.exitCode() + "):\n" + run.output());
        }
    }
}
