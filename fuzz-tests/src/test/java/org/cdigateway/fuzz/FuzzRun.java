package org.cdigateway.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what one fuzzing run did (inputs, outcomes, findings) and prints it when the run ends, to the
 * test's output and to {@code <fuzz.workdir>/<name>-summary.txt}, where {@code run.sh} collects it.
 */
final class FuzzRun {

    private static final int SHOWN = 5;

    private final String name;
    private final long started = System.nanoTime();
    private final LongAdder inputs = new LongAdder();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder findings = new LongAdder();
    private final Set<String> kinds = ConcurrentHashMap.newKeySet();

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

    /**
     * Counts a finding for the summary, which shows the first line of the first few; returns the error to throw.
     * With Jazzer's {@code keep_going} a run goes on after a finding.
     */
    AssertionError finding(AssertionError error) {
        findings.increment();
        if (kinds.size() < SHOWN) {
            String message = String.valueOf(error.getMessage());
            int end = message.indexOf('\n');
            kinds.add(end < 0 ? message : message.substring(0, end));
        }
        return error;
    }

    /** Counts a finding for the summary, {@code what} happened because of {@code cause} (or null); returns it. */
    AssertionError finding(String what, Throwable cause) {
        return finding(new AssertionError(what, cause));
    }

    String summary() {
        double seconds = (System.nanoTime() - started) / 1e9;
        long n = inputs.sum();
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(": ").append(n).append(" inputs in ").append(String.format("%.1f", seconds))
                .append(" s (").append(String.format("%.0f", n / Math.max(seconds, 1e-9))).append(" exec/s)\n");
        new TreeMap<>(outcomes).forEach((o, c) -> sb.append("  outcome ").append(o).append(": ").append(c)
                .append('\n'));
        sb.append("  findings: ").append(findings.sum() == 0 ? "none" : findings.sum()).append('\n');
        kinds.forEach(k -> sb.append("    ").append(k).append('\n'));
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
