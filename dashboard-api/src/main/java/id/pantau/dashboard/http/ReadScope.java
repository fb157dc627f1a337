package id.pantau.dashboard.http;

import io.vertx.ext.web.RoutingContext;

/**
 * What part of a city a read may see. The read check ({@code http.readAccess = token}) leaves
 * the reader's token holder on the request; a kecamatan token's reads are narrowed to its
 * kecamatan and refused (403) for another, a city token's reads are narrowed only when the
 * request asks ({@code kecamatan=}). With open reads there is no holder and the request decides.
 */
final class ReadScope {
  private static final String READER = "pantau.reader";

  private ReadScope() {
  }

  static void remember(RoutingContext ctx, ApiTokens.Holder reader) {
    ctx.put(READER, reader);
  }

  /** The kecamatan the read of the city is narrowed to (null: the whole city), or 403. */
  static String kecamatan(RoutingContext ctx, String city, String requested) {
    ApiTokens.Holder reader = ctx.get(READER);
    return reader == null ? requested : reader.kecamatanScope(city, requested);
  }

  /** The reader's own kecamatan (null: none, or open reads): what it may see and nothing else. */
  static String readersKecamatan(RoutingContext ctx) {
    ApiTokens.Holder reader = ctx.get(READER);
    return reader == null ? null : reader.kecamatan();
  }
}
