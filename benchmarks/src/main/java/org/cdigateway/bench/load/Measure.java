package org.cdigateway.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** CPU time of this process and of the server, the server's resident memory, and latency percentiles. */
final class Measure {

    private static final double CLOCK_TICKS = 100.0; // USER_HZ on Linux

    private Measure() {}

    /** CPU seconds this JVM used so far. */
    static double ownCpu() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** CPU seconds (user + system) process {@code pid} used so far, from /proc; NaN when unknown. */
    static double processCpu(long pid) {
        return cpuSeconds(pid, true);
    }

    /** CPU seconds process {@code pid} spent in the kernel so far, from /proc; NaN when unknown. */
    static double processSystemCpu(long pid) {
        return cpuSeconds(pid, false);
    }

    /** The system time of process {@code pid}, and its user time too when {@code withUser}, from /proc/PID/stat. */
    private static double cpuSeconds(long pid, boolean withUser) {
        if (pid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return ((withUser ? Long.parseLong(f[11]) : 0) + Long.parseLong(f[12])) / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * The write system calls (write, writev, sendmsg...) process {@code pid} made so far, from /proc/PID/io; -1 when
     * unknown (not Linux, or not allowed to read it).
     */
    static long writeCalls(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
                if (line.startsWith("syscw:")) {
                    return Long.parseLong(line.substring(6).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /** Resident memory of process {@code pid} in KiB, from /proc; -1 when unknown. */
    static long rssKib(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /**
     * The live heap of process {@code pid} in KiB, after a full collection, through {@code jcmd} (next to this JVM's
     * {@code java}); -1 when unknown or not a JVM.
     */
    static long liveHeapKib(long pid) {
        if (!isJvm(pid)) {
            return -1;
        }
        try {
            Path jcmd = jcmd();
            run(jcmd.toString(), Long.toString(pid), "GC.run");
            return heapUsedKib(jcmd, pid);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The live heap of process {@code pid} in KiB once it stops shrinking: full collections half a second apart (at
     * most five) until two in a row agree within 1 %; -1 when unknown. Right after connection churn one collection is
     * not enough: the first has left up to 5 MiB that the next one freed, with the same reachable objects in the class
     * histogram (dead objects left in place).
     */
    static long settledLiveHeapKib(long pid) {
        if (!isJvm(pid)) {
            return -1;
        }
        try {
            Path jcmd = jcmd();
            long previous = -1;
            for (int i = 0; i < 5; i++) {
                if (i > 0) {
                    Thread.sleep(500);
                }
                run(jcmd.toString(), Long.toString(pid), "GC.run");
                long used = heapUsedKib(jcmd, pid);
                if (used < 0 || previous >= 0 && Math.abs(used - previous) <= previous / 100) {
                    return used;
                }
                previous = used;
            }
            return previous;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The bytes of the objects a full collection found reachable in process {@code pid}, in KiB, from the total of
     * {@code jcmd GC.class_histogram}; -1 when unknown. Unlike the heap's "used", it leaves out the dead objects a full
     * collection may leave in the regions it does not compact.
     */
    static long liveObjectsKib(long pid) {
        if (!isJvm(pid)) {
            return -1;
        }
        try {
            String histogram = run(jcmd().toString(), Long.toString(pid), "GC.class_histogram");
            var m = java.util.regex.Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
            return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The file descriptors process {@code pid} has open, from /proc; -1 when unknown. */
    static long openFiles(long pid) {
        try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The soft limit of open files of process {@code pid}, from /proc; -1 when unknown or unlimited. */
    static long openFilesLimit(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? -1 : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /**
     * Whether process {@code pid} is a JVM (libjvm is mapped in it): jcmd attaches by sending SIGQUIT, which ends any
     * other process, such as a Node.js server.
     */
    static boolean isJvm(long pid) {
        if (pid <= 0) {
            return false;
        }
        try (var maps = Files.lines(Path.of("/proc/" + pid + "/maps"))) {
            return maps.anyMatch(line -> line.endsWith("/libjvm.so"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Path jcmd() {
        Path javaBin = Path.of(ProcessHandle.current().info().command().orElse("java"));
        return javaBin.resolveSibling("jcmd");
    }

    private static long heapUsedKib(Path jcmd, long pid) throws IOException, InterruptedException {
        long used = 0;
        boolean found = false;
        for (String line : run(jcmd.toString(), Long.toString(pid), "GC.heap_info").split("\n")) {
            var m = java.util.regex.Pattern.compile("(Gen|heap|garbage-first).*used (\\d+)K").matcher(line);
            if (m.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                used += Long.parseLong(m.group(2));
                found = true;
            }
        }
        return found ? used : -1;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** The p-th percentile (0..100) of sorted nanosecond values, in microseconds. */
    static double percentileMicros(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    static long[] merge(long[][] parts, int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, all, at, counts[i]);
            at += counts[i];
        }
        Arrays.sort(all);
        return all;
    }
}
