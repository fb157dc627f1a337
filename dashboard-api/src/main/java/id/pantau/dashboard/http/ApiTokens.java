package id.pantau.dashboard.http;

import id.pantau.config.OwnerOnlyFiles;
import id.pantau.dashboard.ApiException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens of the HTTP API, read from a file of {@code name,role,token[,city[,kecamatan]]} lines. A
 * role includes the ones below it: {@code screen} reads, {@code operator} also acknowledges
 * alerts and sends instructions, {@code admin} also manages gateways, credentials and
 * thresholds. A token with a city acts on that city only (a city's own command center); one
 * without acts on every city (the provincial or national one). A token with a city and a
 * kecamatan (a screen or operator token only) reads that kecamatan, acknowledges its alerts and
 * instructs its gateways, and nothing of another kecamatan (a kecamatan's own command center);
 * the routes narrow or refuse by {@link Holder#kecamatanScope}. On first start the file is
 * created with one random token per role, readable by its owner only, so the write API is
 * never open by default. Edits to the file are taken up while running ({@link #reloadIfChanged}).
 */
public final class ApiTokens {
  private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
  private static final int MIN_TOKEN_LENGTH = 16;

  /** Ordered: each role may do what the ones before it may. */
  public enum Role {
    SCREEN, OPERATOR, ADMIN;

    static Role parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Who a valid token belongs to, the one city it may act on (null: all) and the one kecamatan
   * of that city (null: the whole city).
   */
  public record Holder(String name, Role role, String city, String kecamatan) {
    /** Fails the request with 403 when this holder may not act on the city (or on part of it). */
    public void mayActOn(String requestedCity) {
      if (city != null && !city.equals(requestedCity)) {
        throw new ApiException.Forbidden(role.label() + " " + name + " acts on " + city + " only, not " + requestedCity);
      }
    }

    /** Fails with 403 unless this holder may act on the whole city: what a kecamatan token never may. */
    public void mayActOnWholeCity(String requestedCity) {
      mayActOn(requestedCity);
      if (kecamatan != null) {
        throw new ApiException.Forbidden(role.label() + " " + name + " acts on kecamatan " + kecamatan + " of " + city
            + " only; this needs a token for the whole city");
      }
    }

    /**
     * The kecamatan a request of the city is narrowed to: the one asked for ({@code requested},
     * null: the whole city) for a city-wide holder; its own kecamatan for a kecamatan holder,
     * which may ask for nothing else (403).
     */
    public String kecamatanScope(String requestedCity, String requested) {
      mayActOn(requestedCity);
      if (kecamatan == null) {
        return requested;
      }
      if (requested != null && !requested.equals(kecamatan)) {
        throw new ApiException.Forbidden(role.label() + " " + name + " acts on kecamatan " + kecamatan + " of " + city
            + " only, not " + requested);
      }
      return kecamatan;
    }
  }

  private record Entry(String name, Role role, byte[] token, String city, String kecamatan) {
  }

  private final Path file;
  /** Whether a city has a kecamatan: a token naming one that does not exist is refused. */
  private final BiPredicate<String, String> kecamatanExists;
  private volatile Loaded loaded;
  /** The last version of the file that did not parse, so its error is logged once. */
  private volatile Loaded refused;

  /**
   * The tokens in force and the file content they came from: compared by content, not by
   * modification time, which some file systems keep to the second (a rotated token has the
   * same length).
   */
  private record Loaded(List<Entry> entries, byte[] content) {
  }

  private ApiTokens(Path file, BiPredicate<String, String> kecamatanExists, Loaded loaded) {
    this.file = file;
    this.kecamatanExists = kecamatanExists;
    this.loaded = loaded;
  }

  /** Tokens whose kecamatan are not checked against any city (tests of the file handling). */
  static ApiTokens load(Path file) throws IOException {
    return load(file, (city, kecamatan) -> true);
  }

  /**
   * @param kecamatanExists whether a city (by slug) has a kecamatan (by slug); a line naming one
   *     that does not fails the load, naming the line
   */
  public static ApiTokens load(Path file, BiPredicate<String, String> kecamatanExists) throws IOException {
    if (!Files.exists(file)) {
      createWithRandomTokens(file);
    }
    return new ApiTokens(file, kecamatanExists, parse(file, Files.readAllBytes(file), kecamatanExists));
  }

  /**
   * Takes up an edited token file (a token added, rotated or revoked) without a restart. A file
   * that no longer parses is refused with its line and reason, and the tokens in force stay.
   *
   * @return whether the tokens changed
   */
  public boolean reloadIfChanged() {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      log.error("API tokens file cannot be read, the previous tokens stay in force: {}", e.toString());
      return false;
    }
    Loaded current = loaded;
    if (sameContent(current, content) || sameContent(refused, content)) {
      return false;
    }
    Loaded fresh;
    try {
      fresh = parse(file, content, kecamatanExists);
      if (fresh.entries().isEmpty()) {
        // most likely caught between an editor's truncate and its write; never lock everyone out
        throw new IOException(file + ": no tokens in the file");
      }
    } catch (IOException e) {
      refused = new Loaded(List.of(), content);
      log.error("API tokens file not taken up, the previous tokens stay in force: {}", e.getMessage());
      return false;
    }
    loaded = fresh;
    log.info("API tokens reloaded file={} tokens={} (was {})", file.toAbsolutePath(), fresh.entries().size(),
        current.entries().size());
    return true;
  }

  private static boolean sameContent(Loaded version, byte[] content) {
    return version != null && Arrays.equals(version.content(), content);
  }

  private static Loaded parse(Path file, byte[] content, BiPredicate<String, String> kecamatanExists)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    List<String> lines = new String(content, StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1) + ": ";
      String[] parts = line.split(",", -1);
      if (parts.length < 3 || parts.length > 5 || parts[0].isBlank()) {
        throw new IOException(where + "expected name,role,token or name,role,token,city or name,role,token,city,kecamatan");
      }
      Role role = Role.parse(parts[1]);
      if (role == null) {
        throw new IOException(where + "role must be screen, operator or admin, is '" + parts[1].strip() + "'");
      }
      String token = parts[2].strip();
      if (token.length() < MIN_TOKEN_LENGTH) {
        throw new IOException(where + "a token must be at least " + MIN_TOKEN_LENGTH + " characters");
      }
      String city = parts.length >= 4 && !parts[3].isBlank() ? parts[3].strip() : null;
      String kecamatan = parts.length == 5 && !parts[4].isBlank() ? parts[4].strip() : null;
      if (kecamatan != null) {
        checkKecamatan(where, role, city, kecamatan, kecamatanExists);
      }
      entries.add(new Entry(parts[0].strip(), role, token.getBytes(StandardCharsets.UTF_8), city, kecamatan));
    }
    return new Loaded(List.copyOf(entries), content);
  }

  private static void checkKecamatan(String where, Role role, String city, String kecamatan,
                                     BiPredicate<String, String> kecamatanExists) throws IOException {
    if (city == null) {
      throw new IOException(where + "a kecamatan token names its city: name,role,token,city,kecamatan");
    }
    if (role == Role.ADMIN) {
      throw new IOException(where + "a kecamatan token has the screen or operator role; administration acts on a whole city");
    }
    if (!kecamatanExists.test(city, kecamatan)) {
      throw new IOException(where + "kecamatan '" + kecamatan + "' is not in city '" + city
          + "' (the kecamatan slug of a configured city, e.g. coblong)");
    }
  }

  private static void createWithRandomTokens(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    StringBuilder text = new StringBuilder("# name,role,token[,city[,kecamatan]]  (Authorization: Bearer <token>; roles: "
        + "screen, operator, admin; a city limits the token to it, a kecamatan to that kecamatan of the city)\n");
    for (Role role : Role.values()) {
      text.append(role.label()).append(',').append(role.label()).append(',').append(randomToken()).append('\n');
    }
    OwnerOnlyFiles.create(file, text.toString());
    log.info("API tokens created (screen, operator, admin) file={}", file.toAbsolutePath());
  }

  private static String randomToken() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /**
   * The holder of the request's token, if it has at least {@code needed}: 401 without a valid
   * token, 403 with a weaker one. The token comes from {@code Authorization: Bearer}; a read
   * ({@code GET}, including an SSE stream) may also give it as the {@code access_token} query
   * parameter (RFC 6750), which is all an EventSource can send. A write never takes it from the
   * URL: URLs end up in logs, histories and proxies, and a link must never be able to act.
   */
  public Holder require(RoutingContext ctx, Role needed) {
    String given = presented(ctx);
    if (given == null) {
      boolean inUrl = ctx.queryParams().contains("access_token");
      throw new ApiException.Unauthorized(inUrl
          ? "access_token in the URL is taken for reads only; send this " + ctx.request().method().name()
              + " with Authorization: Bearer <token>"
          : "this needs a token with the " + needed.label() + " role: Authorization: Bearer <token>");
    }
    Holder holder = holderOf(given.getBytes(StandardCharsets.UTF_8));
    if (holder == null) {
      throw new ApiException.Unauthorized("the token is not valid");
    }
    if (holder.role().compareTo(needed) < 0) {
      throw new ApiException.Forbidden("this needs the " + needed.label() + " role; " + holder.name() + " has "
          + holder.role().label());
    }
    return holder;
  }

  private static String presented(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).strip();
    }
    HttpMethod method = ctx.request().method();
    return method == HttpMethod.GET || method == HttpMethod.HEAD ? ctx.queryParams().get("access_token") : null;
  }

  /** The holder of a token, or null when it is not (or no longer) valid. */
  Holder holderOf(String token) {
    return holderOf(token.getBytes(StandardCharsets.UTF_8));
  }

  private Holder holderOf(byte[] given) {
    Holder match = null;
    for (Entry e : loaded.entries()) {
      // compare with every token in constant time, so timing tells nothing about any of them
      if (MessageDigest.isEqual(e.token(), given) && match == null) {
        match = new Holder(e.name(), e.role(), e.city(), e.kecamatan());
      }
    }
    return match;
  }
}
