package ${package};

/** The data of the echo frames: {"text":"hi"}. */
public record EchoMessage(String text) {}
