package com.example.chat;

/** The reply to the sender of a message, correlated by the frame's id. */
public record MessageAck(String id, String status) {}
