package id.pantau.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A listener's TLS material, as PEM files (what Let's Encrypt and most certificate authorities
 * hand out): the server's certificate chain and its private key, and optionally the
 * certificates of the authorities whose client certificates the listener accepts.
 *
 * @param clientCa null: clients are not asked for a certificate
 */
public record TlsFiles(Path certificate, Path key, Path clientCa) {

  /**
   * {@code {prefix}.certificate} and {@code {prefix}.key} (both or neither), and
   * {@code {prefix}.clientCa} when the listener takes client certificates.
   *
   * @param takesClientCertificates whether the listener has a {@code clientCa} key
   * @return null when no certificate is configured: the listener speaks plain TCP
   */
  public static TlsFiles from(ConfigTree c, String prefix, boolean takesClientCertificates) {
    String certificate = c.optionalString(prefix + ".certificate");
    String key = c.optionalString(prefix + ".key");
    String clientCa = takesClientCertificates ? c.optionalString(prefix + ".clientCa") : null;
    if (certificate == null && key == null) {
      if (clientCa != null) {
        throw new ConfigException(prefix + ".clientCa", "needs " + prefix + ".certificate and " + prefix + ".key");
      }
      return null;
    }
    if (certificate == null || key == null) {
      throw new ConfigException(certificate == null ? prefix + ".certificate" : prefix + ".key",
          "TLS needs both " + prefix + ".certificate and " + prefix + ".key (PEM files)");
    }
    return new TlsFiles(readable(prefix + ".certificate", certificate), readable(prefix + ".key", key),
        clientCa == null ? null : readable(prefix + ".clientCa", clientCa));
  }

  private static Path readable(String key, String file) {
    Path path = Path.of(file);
    if (!Files.isReadable(path)) {
      throw new ConfigException(key, "cannot read " + path.toAbsolutePath());
    }
    return path;
  }
}
