package id.pantau.ingest.mqtt;

/**
 * What a client chose (a client id, a user name, a topic) made safe for a log line: control
 * characters, CR and LF among them, become escapes, so a client id cannot end a log line and
 * forge the next one; very long values are cut.
 */
public final class LogText {
  private static final int MAX = 200;

  private LogText() {
  }

  public static String escape(String s) {
    if (s == null) {
      return "null";
    }
    if (s.length() <= MAX && clean(s)) {
      return s; // the usual case costs one scan and no allocation
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX) + 16);
    for (int i = 0; i < s.length() && out.length() < MAX; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return s.length() > MAX ? out.append("...").toString() : out.toString();
  }

  private static boolean clean(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == '\u2028' || c == '\u2029') {
        return false;
      }
    }
    return true;
  }
}
