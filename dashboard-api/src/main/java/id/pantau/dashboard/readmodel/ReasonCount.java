package id.pantau.dashboard.readmodel;

/** How many messages were refused for one reason. */
public record ReasonCount(String reason, long count) {
}
