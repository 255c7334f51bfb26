package org.cdigateway.internal.filter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cdigateway.WsExceptionFilter;

/**
 * The exception filters that apply to one handler (or to a gateway outside its handlers): the method's, the
 * class's and the global ones. The filter for an exception class is chosen once and cached: the one whose type is
 * nearest to the exception in its superclass chain; on a tie the method's over the class's over a global one.
 */
public final class FilterChain {

    /** One filter and where it was declared. */
    public record Entry(WsExceptionFilter<Throwable> filter, Class<?> filterClass, Class<? extends Throwable> type,
            int level) {

        /** Levels: where a filter was named. */
        public static final int METHOD = 0, CLASS = 1, GLOBAL = 2;
    }

    private static final Entry NONE = new Entry(null, null, Throwable.class, Integer.MAX_VALUE);

    private final List<Entry> entries;
    private final Map<Class<?>, Entry> chosen = new ConcurrentHashMap<>();

    public FilterChain(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Whether any filter other than the default one exists. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The filter for {@code failure}, or null when only the default filter applies. */
    public Entry filterFor(Throwable failure) {
        if (entries.isEmpty()) {
            return null;
        }
        Entry e = chosen.computeIfAbsent(failure.getClass(), this::choose);
        return e == NONE ? null : e;
    }

    private Entry choose(Class<?> exception) {
        Entry best = NONE;
        int bestDistance = Integer.MAX_VALUE;
        for (Entry e : entries) {
            int d = distance(exception, e.type());
            if (d < 0) {
                continue;
            }
            if (d < bestDistance || (d == bestDistance && e.level() < best.level())) {
                best = e;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Steps up the superclass chain from {@code exception} to {@code type}; an interface counts as farthest. */
    static int distance(Class<?> exception, Class<?> type) {
        if (!type.isAssignableFrom(exception)) {
            return -1;
        }
        if (type.isInterface()) {
            return 1000;
        }
        int d = 0;
        for (Class<?> c = exception; c != null && c != type; c = c.getSuperclass()) {
            d++;
        }
        return d;
    }
}
