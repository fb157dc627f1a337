package id.pantau.simulator.cli;

/** A command line that cannot be run as typed; the message says which option and why. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
