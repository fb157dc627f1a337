package id.pantau.simulator.load;

/** A run that could not start or go on, with a message meant for the engineer at the terminal. */
public final class SimulationException extends Exception {
  public SimulationException(String message) {
    super(message);
  }
}
