package id.pantau.server;

import id.pantau.auth.PasswordHasher;
import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.city.Kecamatan;
import id.pantau.city.KecamatanRef;
import id.pantau.config.OwnerOnlyFiles;
import id.pantau.store.GatewayStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every configured kecamatan its gateways ({@code {city}.{kec}.gw1} to {@code gwN}) on
 * start, each with a random secret. Only the hash is stored; the secret is written once, to
 * {@code {credentialsDir}/{city}-gateways.csv} (readable by its owner only), for the
 * operator to hand to the kecamatan.
 */
final class GatewayProvisioner {
  private static final Logger log = LoggerFactory.getLogger(GatewayProvisioner.class);

  private final GatewayStore store;
  private final PasswordHasher hasher;
  private final Path credentialsDir;
  private final int perKecamatan;

  GatewayProvisioner(GatewayStore store, PasswordHasher hasher, Path credentialsDir, int perKecamatan) {
    this.store = store;
    this.hasher = hasher;
    this.credentialsDir = credentialsDir;
    this.perKecamatan = perKecamatan;
  }

  /** @return the credentials file of each city (created or not), for the start-up summary */
  void provision(CityDirectory cities) throws SQLException, IOException {
    for (City city : cities.cities()) {
      Path file = credentialsFile(city.slug());
      int created = 0;
      for (Kecamatan k : city.kecamatan()) {
        KecamatanRef ref = cities.kecamatan(city.slug(), k.slug()).orElseThrow();
        for (int n = 1; n <= perKecamatan; n++) {
          String gatewayId = city.slug() + "." + k.slug() + ".gw" + n;
          String secret = PasswordHasher.newSecret();
          if (store.insertIfAbsent(gatewayId, ref.id(), hasher.hash(secret))) {
            append(file, gatewayId + "," + k.slug() + "," + secret + "\n");
            created++;
          }
        }
      }
      if (created > 0) {
        log.info("gateway credentials created city={} gateways={} file={}", city.slug(), created, file.toAbsolutePath());
      }
    }
  }

  Path credentialsFile(String city) {
    return credentialsDir.resolve(city + "-gateways.csv");
  }

  private static void append(Path file, String line) throws IOException {
    if (!Files.exists(file)) {
      Files.createDirectories(file.getParent());
      OwnerOnlyFiles.create(file, "gateway,kecamatan,secret\n");
    }
    Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
