package com.example.chat;

import java.util.List;

/** What a member gets on joining: the name it signed in with, the room, and who is there (itself included). */
public record Welcome(String name, String room, List<String> members) {}
