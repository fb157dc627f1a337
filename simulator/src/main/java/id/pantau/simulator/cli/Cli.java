package id.pantau.simulator.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.OptionalInt;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How Pantau's command-line programs (the simulator, the benchmarks) read their options with
 * picocli: {@code --help} prints the generated help, {@code --completion} a bash/zsh completion
 * script, and a command line that cannot be run as typed gets one line saying which option and
 * why (with the options a mistyped one may have meant), a pointer to {@code --help}, exit code 2.
 */
public final class Cli implements IParameterExceptionHandler {
  public static final String COMPLETION = "--completion";

  private Cli() {
  }

  /** A command line for {@code command} (a picocli {@code @Command}) printing to {@code out} and {@code err}. */
  public static CommandLine of(Object command, PrintStream out, PrintStream err) {
    return new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
        .setParameterExceptionHandler(new Cli()).setUsageHelpLongOptionsMaxWidth(30);
  }

  /**
   * Parses {@code args} into the command's fields.
   *
   * @return the exit code when the program is done (help or completion printed, or the command
   *     line refused), empty when it should go on and run
   */
  public static OptionalInt parse(CommandLine cl, String[] args) {
    try {
      cl.parseArgs(args);
    } catch (ParameterException e) {
      return OptionalInt.of(report(e));
    }
    if (cl.isUsageHelpRequested()) {
      cl.usage(cl.getOut());
      return OptionalInt.of(CommandLine.ExitCode.OK);
    }
    if (cl.getParseResult().hasMatchedOption(COMPLETION)) {
      cl.getOut().print(AutoComplete.bash(cl.getCommandName(), cl));
      cl.getOut().flush();
      return OptionalInt.of(CommandLine.ExitCode.OK);
    }
    return OptionalInt.empty();
  }

  /**
   * For a program's {@code main}: parses {@code args} into {@code command} and runs {@code check}
   * (which throws a {@link ParameterException} for what no single option can say); exits when
   * the program is done (help or completion printed, or the command line refused).
   */
  public static void parseOrExit(Object command, String[] args, Runnable check) {
    OptionalInt done = parse(of(command, System.out, System.err), args);
    if (done.isEmpty()) {
      try {
        check.run();
        return;
      } catch (ParameterException e) {
        done = OptionalInt.of(report(e));
      }
    }
    System.exit(done.getAsInt());
  }

  /** Reports a command line that cannot be run (also one refused after parsing); returns exit code 2. */
  public static int report(ParameterException e) {
    String program = e.getCommandLine().getCommandName();
    PrintWriter err = e.getCommandLine().getErr();
    err.println(program + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("see " + program + " --help");
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    return report(e);
  }
}
