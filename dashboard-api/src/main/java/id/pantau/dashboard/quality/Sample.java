package id.pantau.dashboard.quality;

import java.time.Instant;

/** One stored reading as the detectors see it: its time, raw value, and whether it was flagged. */
public record Sample(Instant ts, double value, boolean flagged) {
}
