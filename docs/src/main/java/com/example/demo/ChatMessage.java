package com.example.demo;

/** What every member of the room gets, as the event {@code message}. */
public record ChatMessage(String id, String room, String from, String text) {}
