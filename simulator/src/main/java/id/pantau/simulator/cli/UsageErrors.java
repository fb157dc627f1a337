package id.pantau.simulator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that cannot be run as typed: one line saying which option and why (and, for a
 * mistyped option, the ones it may have meant), a pointer to {@code --help}, exit code 2. The
 * program is named by the command's name.
 */
public final class UsageErrors implements IParameterExceptionHandler {
  /** Wires the handler, and {@code out}/{@code err}, into a command line. */
  public static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
    return cl.setOut(out).setErr(err).setParameterExceptionHandler(new UsageErrors())
        .setUsageHelpLongOptionsMaxWidth(30);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    return report(e);
  }

  /** Reports a command line that cannot be run, as the handler set by {@link #configure} does. */
  public static int report(ParameterException e) {
    String program = e.getCommandLine().getCommandName();
    PrintWriter err = e.getCommandLine().getErr();
    err.println(program + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("see " + program + " --help");
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }
}
