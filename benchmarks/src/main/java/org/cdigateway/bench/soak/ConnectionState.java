package org.cdigateway.bench.soak;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.cdigateway.ConnectionScoped;

/** What one connection did, kept for as long as it is open. */
@ConnectionScoped
public class ConnectionState {

    @Inject
    Tallies tallies;

    private final List<String> rooms = new ArrayList<>();
    private int messages;

    @PostConstruct
    void created() {
        tallies.connectionStateCreated();
    }

    @PreDestroy
    void destroyed() {
        tallies.connectionStateDestroyed();
    }

    synchronized void joined(String room) {
        rooms.add(room);
        messages++;
    }

    synchronized void message() {
        messages++;
    }

    synchronized int messages() {
        return messages;
    }
}
