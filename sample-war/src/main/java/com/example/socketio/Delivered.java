package com.example.socketio;

/** The acknowledgement of {@code say}: the room the message went to, and how many members it reached. */
public record Delivered(String room, int members) {}
