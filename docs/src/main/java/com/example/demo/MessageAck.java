package com.example.demo;

/** The reply to the sender. */
public record MessageAck(String id, String status) {}
