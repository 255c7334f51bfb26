package org.cdigateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command that ran to its end, or until its time limit: its exit code ({@code -1} when it was ended at the limit) and
 * everything it printed, standard output and error together.
 */
public record ProcessRun(List<String> command, int exitCode, boolean timedOut, String output) {

    /**
     * Runs {@code command} in {@code directory} with more environment variables, and ends it forcibly when it is still
     * running after {@code limit}. The output goes through a temporary file, so a command that prints much never
     * blocks.
     */
    public static ProcessRun run(Path directory, Map<String, String> environment, Duration limit,
            List<String> command) {
        try {
            Path log = Files.createTempFile("process", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                boolean ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                return new ProcessRun(List.copyOf(command), ended ? process.exitValue() : -1, !ended, output);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The command as one line, for messages. */
    public String commandLine() {
        return String.join(" ", command);
    }
}
