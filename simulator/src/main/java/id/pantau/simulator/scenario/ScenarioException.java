package id.pantau.simulator.scenario;

/** A scenario that cannot be used: where (file, line, column, key) and why. */
public final class ScenarioException extends RuntimeException {
  public ScenarioException(String source, int line, int column, String path, String problem) {
    super(source + (line > 0 ? ":" + line + ":" + column : "") + ": "
        + (path.isEmpty() ? "" : path + ": ") + problem);
  }
}
