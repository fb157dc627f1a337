package id.pantau.dashboard.http;

import id.pantau.dashboard.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer tokens of the operators who may acknowledge alerts and send instructions, read from
 * a file of {@code name,token[,city]} lines: an operator with a city acts on that city only (a
 * city's own command center), one without acts on every city (the provincial or national one).
 * On first start the file is created with one random token for {@code operator}, readable by
 * its owner only, so the API is never open by default.
 */
public final class OperatorTokens {
  private static final Logger log = LoggerFactory.getLogger(OperatorTokens.class);

  /** An operator, and the one city it may act on (null: all). */
  record Operator(String name, String city) {
    void mayActOn(String requestedCity) {
      if (city != null && !city.equals(requestedCity)) {
        throw new ApiException.Forbidden("operator " + name + " acts on " + city + " only, not " + requestedCity);
      }
    }
  }

  private record Entry(byte[] token, String city) {
  }

  private final Map<String, Entry> tokens;

  private OperatorTokens(Map<String, Entry> tokens) {
    this.tokens = tokens;
  }

  public static OperatorTokens load(Path file) throws IOException {
    if (!Files.exists(file)) {
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.writeString(file, "# operator,token[,city] (Authorization: Bearer <token>; a city limits the operator to it)\n"
          + "operator," + token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        log.warn("cannot restrict permissions of {}; protect it by other means", file);
      }
      log.info("operator token created file={}", file.toAbsolutePath());
    }
    Map<String, Entry> tokens = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(",", -1);
      if (parts.length < 2 || parts.length > 3 || parts[0].isBlank()) {
        throw new IOException(file + ":" + (i + 1) + ": expected operator,token or operator,token,city");
      }
      String token = parts[1].strip();
      if (token.length() < 16) {
        throw new IOException(file + ":" + (i + 1) + ": a token must be at least 16 characters");
      }
      String city = parts.length == 3 && !parts[2].isBlank() ? parts[2].strip() : null;
      tokens.put(parts[0].strip(), new Entry(token.getBytes(StandardCharsets.UTF_8), city));
    }
    return new OperatorTokens(tokens);
  }

  /** The operator the request's bearer token belongs to; fails the request with 401 otherwise. */
  Operator operator(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException.Unauthorized("this action needs an operator token: Authorization: Bearer <token>");
    }
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    Operator match = null;
    for (var e : tokens.entrySet()) {
      // compare with every token in constant time, so timing tells nothing about any of them
      if (MessageDigest.isEqual(e.getValue().token(), given) && match == null) {
        match = new Operator(e.getKey(), e.getValue().city());
      }
    }
    if (match == null) {
      throw new ApiException.Unauthorized("the operator token is not valid");
    }
    return match;
  }
}
