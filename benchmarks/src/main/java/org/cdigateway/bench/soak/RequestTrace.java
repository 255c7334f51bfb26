package org.cdigateway.bench.soak;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** One per dispatched message or lifecycle call: what the handler noted while it ran. */
@RequestScoped
public class RequestTrace {

    @Inject
    Tallies tallies;

    private final StringBuilder notes = new StringBuilder();

    @PostConstruct
    void created() {
        tallies.requestTraceCreated();
    }

    @PreDestroy
    void destroyed() {
        tallies.requestTraceDestroyed();
    }

    void note(String what) {
        notes.append(what).append(';');
    }
}
