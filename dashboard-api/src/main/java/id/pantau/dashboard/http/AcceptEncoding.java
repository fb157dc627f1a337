package id.pantau.dashboard.http;

import java.util.Locale;

/**
 * Reads a request's {@code Accept-Encoding} (RFC 9110 12.5.3) for the one coding the API offers
 * besides identity: gzip. Brotli and zstd are left out because Netty's encoders for them need
 * native libraries (brotli4j, zstd-jni) that the server does not ship. Pure.
 */
final class AcceptEncoding {
  private AcceptEncoding() {
  }

  /**
   * Whether to answer in gzip: the client accepts it ({@code gzip} or {@code x-gzip}, else
   * {@code *}, with a weight above 0) and does not weigh identity higher by name. No header:
   * identity.
   */
  static boolean gzip(String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    double gzip = -1;
    double identity = -1;
    double any = -1;
    for (String item : header.split(",")) {
      String[] parts = item.split(";");
      String coding = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = weight(parts);
      switch (coding) {
        case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
        case "identity" -> identity = q;
        case "*" -> any = q;
        default -> {
        }
      }
    }
    double g = gzip >= 0 ? gzip : Math.max(any, 0);
    // identity not named is acceptable but not preferred: a client that names gzip at all wants it
    return g > 0 && g >= Math.max(identity, 0);
  }

  /** The {@code q} parameter, 1 when absent; a malformed one counts as 0 (not acceptable). */
  private static double weight(String[] parts) {
    for (int p = 1; p < parts.length; p++) {
      String param = parts[p].trim();
      if (param.length() > 2 && (param.charAt(0) == 'q' || param.charAt(0) == 'Q') && param.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(param.substring(2).trim());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
