package org.cdigateway.tck.cdi;

import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** One instance per CDI request; counts its creations and destructions in {@link RequestBeanCounts}. */
@RequestScoped
public class PerRequest {

    private final String id = UUID.randomUUID().toString();

    @Inject
    RequestBeanCounts counts;

    @PostConstruct
    void created() {
        counts.created();
    }

    @PreDestroy
    void destroyed() {
        counts.destroyed();
    }

    public String id() {
        return id;
    }
}
