package org.cdigateway.internal.dispatch;

import java.util.Map;

/**
 * Which handler serves which frame, for one gateway: an immutable map from event name to invoker, the catch-all and
 * the binary handler. Built at deployment; read-only per frame.
 */
public record DispatchTable(Map<String, HandlerInvoker> handlers, HandlerInvoker wildcard, HandlerInvoker binary) {

    public DispatchTable {
        handlers = Map.copyOf(handlers);
    }

    /** The handler for an event: its own, else the catch-all, else null. */
    public HandlerInvoker handler(String event) {
        HandlerInvoker h = handlers.get(event);
        return h != null ? h : wildcard;
    }
}
