package org.cdigateway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The medians and ratios of the fan-out across nodes, from the RESULT lines of its rounds. */
class ClusterReportTest {

    private static final List<String> ROUNDS = List.of("round 1: local",
            "RESULT local fanout deliveries=100.00 p99=2000.00 cpuA=0.80",
            "RESULT cross fanout deliveries=60.00 p99=5000.00 cpuA=0.30",
            "RESULT local fanout deliveries=120.00 p99=1000.00 cpuA=0.90",
            "RESULT cross fanout deliveries=50.00 p99=7000.00 cpuA=0.20",
            "RESULT local fanout deliveries=90.00 p99=3000.00 cpuA=0.70",
            "RESULT cross fanout deliveries=70.00 p99=6000.00 cpuA=0.40");

    @Test
    void printsTheMedianOfEachPlacementAndTheRatioCrossToLocal() {
        Report.Results results = Report.Results.read(ROUNDS);

        assertThat(results.errors()).isZero();
        assertThat(results.of("fanout", "deliveries", "cross")).containsExactly(60.0, 50.0, 70.0);
        assertThat(ClusterReport.table(results)).containsExactly(
                "[cols=\"2,1,1,1\",options=\"header\"]",
                "|===",
                "| metric | local (median) | cross (median) | cross / local",
                "| deliveries | 100.00 | 60.00 | 0.600",
                "| p99 | 2000.00 | 6000.00 | 3.000",
                "| cpuA | 0.80 | 0.30 | 0.375",
                "|===",
                "local rounds: deliveries 100 / 120 / 90; p99 2000 / 1000 / 3000",
                "cross rounds: deliveries 60 / 50 / 70; p99 5000 / 7000 / 6000");
    }

    @Test
    void countsATimedOutRound() {
        Report.Results results = Report.Results
                .read(List.of("RESULT local fanout deliveries=100.00", "RESULT cross fanout error=timeout"));

        assertThat(results.errors()).isEqualTo(1);
        assertThat(results.of("fanout", "deliveries", "cross")).isEmpty();
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Report.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Report.median(List.of())).isNaN();
    }
}
