package com.example.chat;

/** Told to the other members while someone types: {@code {"name":"Ada","typing":true}}. */
public record Typing(String name, boolean typing) {}
