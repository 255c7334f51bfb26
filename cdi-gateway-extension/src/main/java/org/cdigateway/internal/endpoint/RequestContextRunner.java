package org.cdigateway.internal.endpoint;

import jakarta.enterprise.context.control.ActivateRequestContext;

/**
 * Runs gateway code with the CDI request context active. No server activates it for WebSocket callbacks of a
 * programmatic endpoint; {@code @ActivateRequestContext} does, portably, and leaves an already active one alone.
 * Added to the deployment by the extension (a {@code @Dependent} bean); it has no bean-defining annotation so that
 * discovery of the library jar cannot add it a second time.
 */
public class RequestContextRunner {

    /** Gateway code to run. */
    @FunctionalInterface
    public interface Task {

        void run() throws Exception;
    }

    /** Gateway code that answers. */
    @FunctionalInterface
    public interface Call<T> {

        T call() throws Exception;
    }

    /** Runs the task with the request context active. */
    @ActivateRequestContext
    public void run(Task task) throws Exception {
        task.run();
    }

    /** Runs the call with the request context active and returns its answer. */
    @ActivateRequestContext
    public <T> T call(Call<T> call) throws Exception {
        return call.call();
    }
}
