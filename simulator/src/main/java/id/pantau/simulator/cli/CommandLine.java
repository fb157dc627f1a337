package id.pantau.simulator.cli;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code --name value}, {@code --name=value} and flags against a table of options. */
final class CommandLine {
  private final Map<String, Option> options = new LinkedHashMap<>();
  private final Map<String, String> values = new HashMap<>();

  CommandLine(List<Option> table) {
    table.forEach(o -> options.put(o.name(), o));
  }

  CommandLine parse(String[] args) throws UsageException {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "' (options start with --; see --help)");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Option o = options.get(name);
      if (o == null) {
        throw new UsageException("unknown option --" + name + " (see --help)");
      }
      if (o.isFlag()) {
        if (value != null) {
          throw new UsageException("--" + name + " takes no value");
        }
        values.put(name, "true");
      } else {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new UsageException("--" + name + " needs a value: " + o.argument());
          }
          value = args[++i];
        }
        values.put(name, value);
      }
    }
    return this;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  /** The value given, else the option's default (null when it has none). */
  String get(String name) {
    Option o = options.get(name);
    if (o == null) {
      throw new IllegalArgumentException("no option " + name);
    }
    return values.getOrDefault(name, o.defaultValue());
  }

  String help(String usage) {
    StringBuilder b = new StringBuilder(usage).append("\n\nOptions:\n");
    for (Option o : options.values()) {
      String left = "  --" + o.name() + (o.isFlag() ? "" : " " + o.argument());
      b.append(left);
      b.append(" ".repeat(Math.max(2, 32 - left.length())));
      if (left.length() >= 32) {
        b.append("\n").append(" ".repeat(32));
      }
      b.append(o.help());
      if (o.defaultValue() != null) {
        b.append(" (default: ").append(o.defaultValue()).append(")");
      }
      b.append('\n');
    }
    return b.toString();
  }
}
