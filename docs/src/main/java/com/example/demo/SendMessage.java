package com.example.demo;

/** What a client sends: {@code {"event":"send_message","data":{"text":"hi"},"id":1}}. */
public record SendMessage(String text) {}
