package org.cdigateway.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what one fuzzing run did (inputs, outcomes, known defects met) and prints it when the run ends, to the
 * test's output and to {@code <fuzz.workdir>/<name>-summary.txt}, where {@code run.sh} collects it.
 */
final class FuzzRun {

    private final String name;
    private final long started = System.nanoTime();
    private final LongAdder inputs = new LongAdder();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<KnownDefects, LongAdder> known = new ConcurrentHashMap<>();
    private volatile String firstFinding;

    FuzzRun(String name) {
        this.name = name;
    }

    void input() {
        inputs.increment();
    }

    long inputs() {
        return inputs.sum();
    }

    void outcome(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    void known(KnownDefects defect) {
        known.computeIfAbsent(defect, d -> new LongAdder()).increment();
    }

    /** Remembers the first finding of the run for the summary; returns the error to throw. */
    AssertionError finding(AssertionError error) {
        if (firstFinding == null) {
            firstFinding = error.getMessage();
        }
        return error;
    }

    /** Whether to leave out a frame that a tolerated known defect predicts to hang; counts it. */
    boolean skipsHanging(String frame) {
        var defect = KnownDefects.hanging(frame);
        if (defect.isPresent() && KnownDefects.tolerated()) {
            known(defect.get());
            return true;
        }
        return false;
    }

    /** The finding to throw for {@code failure}, or null when a tolerated known defect explains it. */
    AssertionError unlessKnown(String what, String input, Throwable failure) {
        var defect = KnownDefects.explaining(input, failure);
        if (defect.isPresent()) {
            known(defect.get());
            if (KnownDefects.tolerated()) {
                return null;
            }
            what = what + " [known defect " + defect.get() + ": " + defect.get().description() + "]";
        }
        AssertionError error = new AssertionError(what, failure);
        return finding(error);
    }

    String summary() {
        double seconds = (System.nanoTime() - started) / 1e9;
        long n = inputs.sum();
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(": ").append(n).append(" inputs in ").append(String.format("%.1f", seconds))
                .append(" s (").append(String.format("%.0f", n / Math.max(seconds, 1e-9))).append(" exec/s)\n");
        new TreeMap<>(outcomes).forEach((o, c) -> sb.append("  outcome ").append(o).append(": ").append(c)
                .append('\n'));
        new TreeMap<>(known).forEach((d, c) -> sb.append("  known defect ").append(d).append(": ").append(c)
                .append(" inputs (").append(d.description()).append(")\n"));
        sb.append("  findings: ").append(firstFinding == null ? "none" : "1, the first: " + firstFinding)
                .append('\n');
        return sb.toString();
    }

    /** Prints the summary and writes it to the fuzzing work directory. */
    void report() {
        String summary = summary();
        System.out.print(summary);
        String dir = System.getProperty("fuzz.workdir");
        if (dir != null) {
            try {
                Files.writeString(Path.of(dir, name + "-summary.txt"), summary, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
