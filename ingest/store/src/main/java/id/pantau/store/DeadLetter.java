package id.pantau.store;

import id.pantau.wire.Rejection;

/** A rejected message, kept for diagnosis. {@code gatewayId} is null when unauthenticated. */
public record DeadLetter(String gatewayId, String topic, Rejection rejection, byte[] payload) {
}
