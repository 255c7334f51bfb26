package org.cdigateway.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code RESULT} lines of the fan-out rounds across nodes ({@link ClusterFanout}) and prints, per metric, the
 * median of each placement and the ratio cross / local, as an AsciiDoc table, then the value of each round for
 * deliveries and p99. Exits with 1 when a round timed out.
 */
public final class ClusterReport {

    /** The metrics, in the order of the table; those no round reported are left out. */
    static final List<String> METRICS = List.of("deliveries", "p50", "p99", "p999", "aloneP50", "aloneP99", "cpuA",
            "cpuB", "cpuC",
            "cpuRedis", "loadCpu");

    /** The placements, in the order of the columns: the emitting node without Redis, if it ran, then the two. */
    static final List<String> PLACEMENTS = List.of("single", "local", "cross");

    private ClusterReport() {}

    public static void main(String[] args) throws IOException {
        Report.Results results = Report.Results.read(Files.readAllLines(Path.of(args[0])));
        table(results).forEach(System.out::println);
        if (results.errors() > 0) {
            System.out.println(results.errors() + " round(s) timed out; see the RESULT lines");
            System.exit(1);
        }
    }

    static List<String> table(Report.Results results) {
        List<String> placements = new ArrayList<>();
        for (String p : PLACEMENTS) {
            if (!results.of("fanout", "deliveries", p).isEmpty()) {
                placements.add(p);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("[cols=\"2" + ",1".repeat(placements.size() + 1) + "\",options=\"header\"]");
        lines.add("|===");
        StringBuilder header = new StringBuilder("| metric");
        placements.forEach(p -> header.append(" | ").append(p).append(" (median)"));
        lines.add(header.append(" | cross / local").toString());
        for (String metric : METRICS) {
            if (placements.stream().allMatch(p -> results.of("fanout", metric, p).isEmpty())) {
                continue;
            }
            StringBuilder row = new StringBuilder("| ").append(metric);
            for (String p : placements) {
                row.append(String.format(Locale.ROOT, " | %.2f", Report.median(results.of("fanout", metric, p))));
            }
            double ratio = Report.median(results.of("fanout", metric, "cross"))
                    / Report.median(results.of("fanout", metric, "local"));
            lines.add(row.append(String.format(Locale.ROOT, " | %.3f", ratio)).toString());
        }
        lines.add("|===");
        for (String p : placements) {
            lines.add(p + " rounds: deliveries " + join(results.of("fanout", "deliveries", p)) + "; p99 "
                    + join(results.of("fanout", "p99", p)));
        }
        return lines;
    }

    private static String join(List<Double> values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(String.format(Locale.ROOT, "%.0f", v)));
        return String.join(" / ", texts);
    }
}
