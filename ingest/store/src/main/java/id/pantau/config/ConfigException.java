package id.pantau.config;

/** A configuration value that cannot be used; the message names the key. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String key, String problem) {
    super("configuration key '" + key + "': " + problem);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
