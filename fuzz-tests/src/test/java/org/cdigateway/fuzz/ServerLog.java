package org.cdigateway.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the server logs at WARNING and above while the harness talks to it: the gateway logs every failure
 * it could not answer properly (an exception escaping to the container, an INTERNAL error), and the harness reports
 * these with the frame that caused them.
 */
final class ServerLog extends Handler {

    private static final Logger ROOT = Logger.getLogger("");

    private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();

    /** Also records what escapes a server thread entirely, as a SEVERE record. */
    static ServerLog install() {
        ServerLog log = new ServerLog();
        log.setLevel(Level.WARNING);
        ROOT.addHandler(log);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LogRecord r = new LogRecord(Level.SEVERE, "uncaught in thread " + thread.getName());
            r.setThrown(e);
            r.setLoggerName("uncaught");
            log.publish(r);
        });
        return log;
    }

    void uninstall() {
        ROOT.removeHandler(this);
        Thread.setDefaultUncaughtExceptionHandler(null);
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    /** The records logged since the last call. */
    List<LogRecord> drain() {
        List<LogRecord> drained = new ArrayList<>();
        LogRecord r;
        while ((r = records.poll()) != null) {
            drained.add(r);
        }
        return drained;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
