package org.cdigateway.internal.dispatch;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Which handler serves which frame, for one gateway: an immutable map from event name to invoker, the catch-all and
 * the binary handler. Built at deployment; read-only per frame.
 */
public record DispatchTable(Map<String, HandlerInvoker> handlers, HandlerInvoker wildcard, HandlerInvoker binary) {

    public DispatchTable {
        // a HashMap finds a key by masking its hash; Map.copyOf's map divides it, on every frame
        handlers = Collections.unmodifiableMap(new HashMap<>(Map.copyOf(handlers)));
    }

    /** The handler for an event: its own, else the catch-all, else null. */
    public HandlerInvoker handler(String event) {
        HandlerInvoker h = handlers.get(event);
        return h != null ? h : wildcard;
    }

    /** The same table with every handler replaced by {@code f(handler)}. */
    public DispatchTable map(UnaryOperator<HandlerInvoker> f) {
        Map<String, HandlerInvoker> mapped = new LinkedHashMap<>();
        handlers.forEach((event, h) -> mapped.put(event, f.apply(h)));
        return new DispatchTable(mapped, wildcard == null ? null : f.apply(wildcard),
                binary == null ? null : f.apply(binary));
    }
}
