package com.example.socketio;

/** A message, as every member of its room gets it (its author included). */
public record RoomMessage(String room, String author, String text) {}
