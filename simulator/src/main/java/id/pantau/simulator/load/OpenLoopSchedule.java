package id.pantau.simulator.load;

/**
 * When each message of one gateway is due, fixed in advance and never moved by how the server
 * answers (open loop): a slow server makes messages late, it does not make the generator send
 * fewer. The rate ramps linearly from zero to {@code messagesPerSecond} over {@code rampSeconds},
 * and the gateway's first message is shifted by a phase so gateways do not send in lock-step.
 */
public final class OpenLoopSchedule {
  private final double messagesPerSecond;
  private final double rampSeconds;
  private final double phaseSeconds;

  public OpenLoopSchedule(double messagesPerSecond, double rampSeconds, double phaseFraction) {
    if (!(messagesPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, is " + messagesPerSecond);
    }
    this.messagesPerSecond = messagesPerSecond;
    this.rampSeconds = Math.max(0, rampSeconds);
    this.phaseSeconds = phaseFraction / messagesPerSecond;
  }

  /**
   * Seconds after the run's start at which message {@code k} (0-based) is due. Inverts the
   * cumulative count N(t): {@code r t^2 / 2T} during the ramp of length T, then {@code r (t - T/2)}.
   */
  public double dueSeconds(long k) {
    double n = k + 1;
    double rampMessages = messagesPerSecond * rampSeconds / 2;
    double t = n <= rampMessages
        ? Math.sqrt(2 * rampSeconds * n / messagesPerSecond)
        : rampSeconds / 2 + n / messagesPerSecond;
    return t + phaseSeconds;
  }

  /** How many messages are due by {@code seconds} after the start (for tests and reports). */
  public long dueBy(double seconds) {
    long lo = 0;
    long hi = (long) (messagesPerSecond * (seconds + 1)) + 2;
    while (lo < hi) {
      long mid = (lo + hi) >>> 1;
      if (dueSeconds(mid) <= seconds) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  public double messagesPerSecond() {
    return messagesPerSecond;
  }
}
