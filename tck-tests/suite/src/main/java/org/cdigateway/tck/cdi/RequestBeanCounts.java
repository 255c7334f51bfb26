package org.cdigateway.tck.cdi;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** How many {@link PerRequest} instances were created and destroyed. */
@ApplicationScoped
public class RequestBeanCounts {

    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger destroyed = new AtomicInteger();

    public void created() {
        created.incrementAndGet();
    }

    public void destroyed() {
        destroyed.incrementAndGet();
    }

    /** {@code [created, destroyed]}. */
    public List<Integer> snapshot() {
        return List.of(created.get(), destroyed.get());
    }
}
