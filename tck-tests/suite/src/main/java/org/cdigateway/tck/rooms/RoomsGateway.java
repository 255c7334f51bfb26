package org.cdigateway.tck.rooms;

import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.cdigateway.ConnectedSocket;
import org.cdigateway.GatewayClient;
import org.cdigateway.GatewayServer;
import org.cdigateway.MessageBody;
import org.cdigateway.SubscribeMessage;
import org.cdigateway.WebSocketGateway;

/** Rooms driven by frames: join, leave, emit to rooms with exceptions, sizes. */
@WebSocketGateway("/rooms")
public class RoomsGateway {

    @Inject
    GatewayServer server;

    @Inject
    Announcer announcer;

    @SubscribeMessage("join")
    public Set<String> join(@MessageBody String room, @ConnectedSocket GatewayClient client) {
        client.join(room);
        return client.rooms();
    }

    @SubscribeMessage("leave")
    public Set<String> leave(@MessageBody String room, @ConnectedSocket GatewayClient client) {
        client.leave(room);
        return client.rooms();
    }

    /** Emits {@code data[1]} to room {@code data[0]} but the sender; replies when done. */
    @SubscribeMessage("shout")
    public boolean shout(@MessageBody List<String> data, @ConnectedSocket GatewayClient client) {
        server.to(data.get(0)).except(client).emit("shout", data.get(1));
        return true;
    }

    /**
     * {@code [room, count]}: {@code count} broadcasts at once, numbered from 0, so that each member has many frames
     * waiting and in flight at the same time.
     */
    @SubscribeMessage("burst")
    public int burst(@MessageBody List<String> data) {
        int count = Integer.parseInt(data.get(1));
        for (int i = 0; i < count; i++) {
            server.to(data.get(0)).emit("burst", i);
        }
        return count;
    }

    /**
     * {@code [room, count, length]}: {@code count} broadcasts of {@code length} characters at once, each beginning with
     * its number and a colon.
     */
    @SubscribeMessage("bulk")
    public int bulk(@MessageBody List<String> data) {
        int count = Integer.parseInt(data.get(1));
        String pad = "x".repeat(Integer.parseInt(data.get(2)));
        for (int i = 0; i < count; i++) {
            String number = i + ":";
            server.to(data.get(0)).emit("bulk", number + pad.substring(number.length()));
        }
        return count;
    }

    /** Emits to the union of two rooms minus a third. */
    @SubscribeMessage("union")
    public boolean union(@MessageBody List<String> rooms) {
        server.to(rooms.get(0)).to(rooms.get(1)).except(rooms.get(2)).emit("union", "once");
        return true;
    }

    /** Asks another bean, which names this gateway with @Gateway, to announce in a room from another thread. */
    @SubscribeMessage("announce")
    public boolean announce(@MessageBody List<String> data) {
        announcer.announceLater(data.get(0), data.get(1));
        return true;
    }

    @SubscribeMessage("size")
    public int size(@MessageBody String room) {
        return server.roomSize(room);
    }

    @SubscribeMessage("rooms")
    public Set<String> rooms() {
        return server.rooms();
    }
}
