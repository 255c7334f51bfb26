package org.cdigateway.tck.rooms;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdigateway.Gateway;
import org.cdigateway.GatewayServer;

/** A bean that is not a gateway, emitting to a gateway's room from another thread. */
@ApplicationScoped
public class Announcer {

    @Inject
    @Gateway(RoomsGateway.class)
    GatewayServer rooms;

    void announceLater(String room, String text) {
        CompletableFuture.runAsync(() -> rooms.to(room).emit("announcement", text));
    }
}
