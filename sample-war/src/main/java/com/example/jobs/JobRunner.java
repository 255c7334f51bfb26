package com.example.jobs;

import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.cdigateway.GatewayClient;

/**
 * Runs background jobs on its own threads and reports their progress to the client that started them, with
 * {@link GatewayClient#emit} from the job's thread. A job whose client has gone stops at its next step.
 */
// tag::runner[]
@ApplicationScoped
public class JobRunner {

    static final long STEP_MILLIS = 150;

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "job-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public JobStarted start(JobRequest request, GatewayClient client) {
        String jobId = UUID.randomUUID().toString().substring(0, 8);
        workers.execute(() -> run(jobId, request, client));
        return new JobStarted(jobId, request.name(), request.steps());
    }

    private void run(String jobId, JobRequest request, GatewayClient client) {
        for (int step = 1; step <= request.steps(); step++) {
            try {
                Thread.sleep(STEP_MILLIS); // the work of one step
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!client.isOpen()) {
                return; // nobody to report to
            }
            int percent = step * 100 / request.steps();
            client.emit("progress", new Progress(jobId, percent, "step " + step + " of " + request.steps()));
        }
        client.emit("done", new Progress(jobId, 100, request.name() + " finished"));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
// end::runner[]
