package id.pantau.simulator.cli;

/** One command-line option: its name, its argument (null for a flag), its default and what it does. */
record Option(String name, String argument, String defaultValue, String help) {
  boolean isFlag() {
    return argument == null;
  }
}
