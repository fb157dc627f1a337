package id.pantau.config;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * The configuration as it may be shown ({@code --print-config}, logs): passwords replaced by
 * {@code ***}, including one inside a URL, as user info ({@code tcp://user:secret@host}) or a
 * query parameter ({@code jdbc:postgresql://db/pantau?password=secret}).
 */
public final class SecretMasking {
  private static final String MASK = "***";
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@?#:]*:)[^/@?#]*@");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)([?&;](?:password|pass|pwd|sslpassword|secret|token)=)[^&;#]*");

  private SecretMasking() {
  }

  /** A copy of the configuration with every {@code password} and every URL's secret masked. */
  public static JsonObject masked(JsonObject config) {
    return maskObject(config.copy());
  }

  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = USER_INFO.matcher(url).replaceAll("$1" + MASK + "@");
    return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
  }

  private static JsonObject maskObject(JsonObject o) {
    for (String key : o.fieldNames()) {
      Object value = o.getValue(key);
      if (value instanceof JsonObject child) {
        maskObject(child);
      } else if (value instanceof String && key.toLowerCase(java.util.Locale.ROOT).contains("password")) {
        o.put(key, MASK);
      } else if (value instanceof String s && key.equalsIgnoreCase("url")) {
        o.put(key, maskUrl(s));
      }
    }
    return o;
  }
}
