package com.example.socketio;

import java.util.List;

/** The acknowledgement of {@code join}: the room, and who is in it (the newcomer included). */
public record Joined(String room, List<String> members) {}
