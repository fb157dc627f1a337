package id.pantau.simulator.load;

/** One second of a run, for the progress line and the report's charts. */
public record IntervalSample(
    double secondsSinceStart,
    long sentMessages,
    long ackedMessages,
    long ackedReadings,
    double p50Millis,
    double p99Millis,
    double maxMillis,
    long errors,
    int connected) {
}
