package org.cdigateway.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code RESULT} lines of several rounds and prints, per scenario and metric, the median of each mode and
 * the gateway/raw ratio (and, when the Socket.IO mode ran, its median and the socketio/gateway ratio), as an
 * AsciiDoc table. The results of benchmarks/nest.sh (mode {@code nest}, the NestJS gateway) take the raw endpoint's
 * column: their median and the gateway/nest ratio.
 */
public final class Report {

    private Report() {}

    /**
     * The values of the {@code RESULT <mode> <scenario> name=value ...} lines, by scenario, metric and mode, in the
     * order of the lines; {@code errors} counts the {@code error=...} entries (a timed-out run).
     */
    record Results(Map<String, Map<String, Map<String, List<Double>>>> values, int errors) {

        static Results read(List<String> lines) {
            Map<String, Map<String, Map<String, List<Double>>>> all = new TreeMap<>();
            int errors = 0;
            for (String line : lines) {
                if (!line.startsWith("RESULT ")) {
                    continue;
                }
                String[] f = line.split(" ");
                String mode = f[1];
                String scenario = f[2];
                for (int i = 3; i < f.length; i++) {
                    String[] kv = f[i].split("=", 2);
                    if (kv[0].equals("error")) {
                        errors++;
                        continue;
                    }
                    all.computeIfAbsent(scenario, s -> new TreeMap<>()).computeIfAbsent(kv[0], m -> new TreeMap<>())
                            .computeIfAbsent(mode, m -> new ArrayList<>()).add(Double.parseDouble(kv[1]));
                }
            }
            return new Results(all, errors);
        }

        /** The values of a metric in one mode; empty when there are none. */
        List<Double> of(String scenario, String metric, String mode) {
            return values.getOrDefault(scenario, Map.of()).getOrDefault(metric, Map.of()).getOrDefault(mode,
                    List.of());
        }
    }

    public static void main(String[] args) throws IOException {
        Results results = Results.read(Files.readAllLines(Path.of(args[0])));
        var all = results.values();
        boolean socketIo = all.values().stream().flatMap(m -> m.values().stream())
                .anyMatch(modes -> modes.containsKey("socketio"));
        String other = all.values().stream().flatMap(m -> m.values().stream())
                .anyMatch(modes -> modes.containsKey("nest")) ? "nest" : "raw";
        System.out.println(socketIo
                ? "[cols=\"2,3,2,2,2,1,1\",options=\"header\"]"
                : "[cols=\"2,3,2,2,1\",options=\"header\"]");
        System.out.println("|===");
        System.out.println("| scenario | metric | gateway (median) | " + other + " (median)"
                + (socketIo ? " | socketio (median)" : "") + " | gateway / " + other
                + (socketIo ? " | socketio / gateway" : ""));
        for (var scenario : all.entrySet()) {
            for (var metric : scenario.getValue().entrySet()) {
                double g = median(metric.getValue().get("gateway"));
                double r = median(metric.getValue().get(other));
                if (socketIo) {
                    double io = median(metric.getValue().get("socketio"));
                    System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.3f | %.3f%n",
                            scenario.getKey(), metric.getKey(), g, r, io, g / r, io / g);
                } else {
                    System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.3f%n", scenario.getKey(),
                            metric.getKey(), g, r, g / r);
                }
            }
        }
        System.out.println("|===");
        if (results.errors() > 0) {
            System.out.println(results.errors() + " run(s) timed out; see the RESULT lines");
            System.exit(1);
        }
    }

    static double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
