package org.cdigateway.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What a server reported about a deployment: the exception the Arquillian adapter threw, and the lines the server's
 * log gained meanwhile. Some servers put the cause of a failed deployment only in their log (Open Liberty's adapter
 * reports that the application did not start); a runner names its log with the system property
 * {@code cdigateway.tck.serverLog}.
 */
public final class ServerLog {

    private final Path file;
    private final long start;

    private ServerLog(Path file, long start) {
        this.file = file;
        this.start = start;
    }

    /** Remembers where the server's log ends now. */
    public static ServerLog mark() {
        String name = System.getProperty("cdigateway.tck.serverLog");
        if (name == null || name.isBlank()) {
            return new ServerLog(null, 0);
        }
        Path file = Path.of(name);
        try {
            return new ServerLog(file, Files.isRegularFile(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log written since {@link #mark()}, or an empty string when the runner names no log. */
    public String since() {
        if (file == null || !Files.isRegularFile(file)) {
            return "";
        }
        try {
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(start, all.length);
            return "\n" + new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages of a throwable, its causes and suppressed exceptions, one per line. */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        describe(failure, text, Collections.newSetFromMap(new IdentityHashMap<>()));
        return text.toString();
    }

    private static void describe(Throwable t, StringBuilder text, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        text.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        for (Throwable suppressed : t.getSuppressed()) {
            describe(suppressed, text, seen);
        }
        describe(t.getCause(), text, seen);
    }
}
