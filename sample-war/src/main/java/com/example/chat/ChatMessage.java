package com.example.chat;

import java.time.Instant;

/** A chat message as every member of the room receives it. */
public record ChatMessage(String id, String room, String author, String text, Instant at) {}
