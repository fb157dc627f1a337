package id.pantau.simulator.cli;

import java.io.PrintStream;

/** Lets tests in other packages run the command line without System.exit. */
public final class SimulatorMainAccess {
  private SimulatorMainAccess() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return SimulatorMain.run(args, out, err);
  }
}
