package org.cdigateway.internal.guard;

/**
 * The {@link Execution} in progress on each thread: set by the gateway around every guard, lifecycle call, handler
 * and filter, so that interceptors, the connection scope and {@code ExecutionContext.current()} can find it.
 */
public final class Executions {

    private static final ThreadLocal<Execution> CURRENT = new ThreadLocal<>();

    private Executions() {}

    /** The execution on this thread, or null. */
    public static Execution current() {
        return CURRENT.get();
    }

    /** Makes {@code execution} current; returns the one it replaces, to hand back to {@link #leave}. */
    public static Execution enter(Execution execution) {
        Execution previous = CURRENT.get();
        CURRENT.set(execution);
        return previous;
    }

    /**
     * Restores what {@link #enter} replaced. The thread keeps its entry, emptied, for the next message (removing it
     * and adding it again cost a map entry and a sweep of the thread's map per message); an empty entry holds nothing
     * of the application.
     */
    public static void leave(Execution previous) {
        CURRENT.set(previous);
    }
}
