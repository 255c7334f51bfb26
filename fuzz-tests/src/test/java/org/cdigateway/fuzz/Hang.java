package org.cdigateway.fuzz;

/** A thread that did not finish in time, with the stack it was stuck in: how the harness reports a hang. */
final class Hang extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Hang(Thread thread, StackTraceElement[] stack) {
        super("thread " + thread.getName() + " (" + thread.getState() + ") is still busy", null, false, true);
        setStackTrace(stack);
    }
}
