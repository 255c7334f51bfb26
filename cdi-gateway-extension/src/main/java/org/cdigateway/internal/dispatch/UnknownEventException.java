package org.cdigateway.internal.dispatch;

import org.cdigateway.internal.json.JsonText;

/** No handler serves the frame's event; answered with UNKNOWN_EVENT unless an exception filter handles it. */
public final class UnknownEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String event;

    public UnknownEventException(String event) {
        super("No handler for event " + JsonText.quote(event), null, false, false);
        this.event = event;
    }

    /** The event nobody handles. */
    public String event() {
        return event;
    }
}
