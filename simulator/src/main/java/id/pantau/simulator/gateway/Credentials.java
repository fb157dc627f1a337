package id.pantau.simulator.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gateway secrets from the CSV the server writes when it provisions gateways
 * ({@code gateway,kecamatan,secret}), or one secret shared by all (for test servers).
 */
public final class Credentials {
  private final Map<String, String> secrets;
  private final String shared;
  private final String source;

  private Credentials(Map<String, String> secrets, String shared, String source) {
    this.secrets = secrets;
    this.shared = shared;
    this.source = source;
  }

  public static Credentials shared(String secret) {
    return new Credentials(Map.of(), secret, "--secret");
  }

  public static Credentials read(Path csv) throws IOException {
    if (!Files.exists(csv)) {
      throw new IOException("no credentials file at " + csv.toAbsolutePath()
          + " (the server writes {credentialsDir}/{city}-gateways.csv when it provisions gateways;"
          + " pass --credentials FILE or --secret S)");
    }
    Map<String, String> secrets = new HashMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || (i == 0 && line.startsWith("gateway,"))) {
        continue;
      }
      String[] parts = line.split(",");
      if (parts.length < 3) {
        throw new IOException(csv + ":" + (i + 1) + ": expected gateway,kecamatan,secret");
      }
      secrets.put(parts[0], parts[2]);
    }
    return new Credentials(secrets, null, csv.toString());
  }

  /** @throws IllegalArgumentException naming the gateway and where its secret was looked for */
  public String secretOf(String gatewayId) {
    if (shared != null) {
      return shared;
    }
    String s = secrets.get(gatewayId);
    if (s == null) {
      throw new IllegalArgumentException("no secret for gateway " + gatewayId + " in " + source
          + " (the server creates gateways.perKecamatan gateways per kecamatan; raise it to at least the"
          + " scenario's gateways per kecamatan, or the number of sensors per kecamatan with --sensor-connections)");
    }
    return s;
  }
}
