package id.pantau.simulator.model;

/**
 * What a scripted fault did to the readings of a run, as sent.
 *
 * @param changed readings sent with a value or timestamp the fault changed
 * @param withheld readings the fault kept from being sent (a silent sensor, a dropout)
 * @param implausible of the changed readings, those sent outside their plausible range on purpose
 * @param detail what a reader wants to know beyond counts, e.g. the value a sensor stuck at
 */
public record FaultSummary(int number, String kind, String description, long changed, long withheld,
    long implausible, String detail) {
  /** False when the run never reached the fault's window (or its target sent nothing in it). */
  public boolean happened() {
    return changed + withheld > 0;
  }
}
