package org.cdigateway.tck.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** What the lifecycle gateway saw, per connection, kept in the deployment for the probe events to report. */
@ApplicationScoped
public class LifecycleLog {

    private final List<String> inits = new ArrayList<>();
    private final Map<String, List<String>> byClient = new HashMap<>();
    private final Map<String, String> clientByTag = new HashMap<>();

    public synchronized void init(String what) {
        inits.add(what);
    }

    public synchronized List<String> inits() {
        return List.copyOf(inits);
    }

    /** Remembers which client connected with {@code ?tag=...}, for connections that never learn their id. */
    public synchronized void tag(String tag, String clientId) {
        clientByTag.put(tag, clientId);
    }

    public synchronized void record(String clientId, String event) {
        byClient.computeIfAbsent(clientId, id -> new ArrayList<>()).add(event);
    }

    /** The events of one client, in order; empty when unknown. */
    public synchronized List<String> history(String clientId) {
        return List.copyOf(byClient.getOrDefault(clientId, List.of()));
    }

    /** The events of the client that connected with this tag; empty when unknown. */
    public synchronized List<String> historyOfTag(String tag) {
        String id = clientByTag.get(tag);
        return id == null ? List.of() : history(id);
    }
}
