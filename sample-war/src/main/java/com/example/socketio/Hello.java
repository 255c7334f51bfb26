package com.example.socketio;

/** The connection's {@code auth} payload: {@code io("/chat", {auth: {name: "Ada"}})}. */
public record Hello(String name) {}
