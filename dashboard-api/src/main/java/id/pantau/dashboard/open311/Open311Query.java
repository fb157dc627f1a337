package id.pantau.dashboard.open311;

import id.pantau.city.City;
import id.pantau.dashboard.ApiException.BadRequest;
import id.pantau.dashboard.kpi.ResolutionDeadlines;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * GeoReport v2 {@code requests.json} over the complaints. Pantau's lifecycle maps onto
 * Open311's two statuses: resolved, closed and rejected are {@code closed}; created,
 * dispatched, in_progress and reopened are {@code open}; the detail goes in
 * {@code status_notes}. Filters follow the specification: by default the last 90 days,
 * at most 1000 requests, newest first.
 */
final class Open311Query {
  static final int MAX_RESULTS = 1000;
  private static final String SQL = """
      SELECT c.id, c.state, c.state_at, c.category, c.text, c.created_at, c.lat, c.lon, c.kelurahan, k.name,
             c.channel, c.priority, c.resolved_at, k.slug
      FROM complaint c JOIN kecamatan k ON k.id = c.kecamatan_id
      WHERE c.city_id = ? AND (?::text IS NULL OR k.slug = ?)
        AND (?::text[] IS NULL OR c.id = ANY(?::text[]))
        AND (?::text[] IS NULL OR c.category = ANY(?::text[]))
        AND c.created_at >= ? AND c.created_at < ?
        AND (?::text IS NULL OR (?::text = 'closed') = (c.resolved_at IS NOT NULL))
      ORDER BY c.created_at DESC LIMIT %d""".formatted(MAX_RESULTS);

  /** Validated filters; a request for specific ids ignores the date window, as the specification says. */
  record Filters(String[] ids, String[] serviceCodes, Instant start, Instant end, String status) {
    static Filters parse(String ids, String codes, String start, String end, String status, Instant now) {
      Instant e = end == null ? now : instant("end_date", end);
      Instant s = start == null ? e.minus(Duration.ofDays(90)) : instant("start_date", start);
      if (ids != null) {
        s = Instant.EPOCH;
        e = now.plus(Duration.ofDays(1));
      }
      if (status != null && !Set.of("open", "closed").contains(status)) {
        throw new BadRequest("status", "status must be open or closed, is '" + status + "'");
      }
      return new Filters(split(ids), split(codes), s, e, status);
    }

    private static String[] split(String list) {
      return list == null ? null : Arrays.stream(list.split(",")).map(String::trim).filter(x -> !x.isEmpty())
          .toArray(String[]::new);
    }

    private static Instant instant(String name, String value) {
      try {
        return java.time.OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new BadRequest(name, name + " must be a W3C date-time such as 2026-11-23T00:00:00+07:00, is '" + value + "'");
      }
    }
  }

  private final DataSource ds;

  Open311Query(DataSource ds) {
    this.ds = ds;
  }

  /** A service request and the slug of the kecamatan it was filed in (not part of GeoReport). */
  record Request(String kecamatan, JsonObject json) {
  }

  /**
   * Blocking: call from a worker.
   *
   * @param kecamatan only this kecamatan's requests (null: the whole city's)
   */
  List<Request> requests(City city, int cityId, String kecamatan, Filters f) throws SQLException {
    ResolutionDeadlines deadlines = new ResolutionDeadlines(city);
    List<Request> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setInt(1, cityId);
      ps.setString(2, kecamatan);
      ps.setString(3, kecamatan);
      ps.setArray(4, f.ids() == null ? null : c.createArrayOf("text", f.ids()));
      ps.setArray(5, f.ids() == null ? null : c.createArrayOf("text", f.ids()));
      ps.setArray(6, f.serviceCodes() == null ? null : c.createArrayOf("text", f.serviceCodes()));
      ps.setArray(7, f.serviceCodes() == null ? null : c.createArrayOf("text", f.serviceCodes()));
      ps.setTimestamp(8, Timestamp.from(f.start()));
      ps.setTimestamp(9, Timestamp.from(f.end()));
      ps.setString(10, f.status());
      ps.setString(11, f.status());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Request(rs.getString(14), request(rs, deadlines)));
        }
      }
    }
    return out;
  }

  private static JsonObject request(ResultSet rs, ResolutionDeadlines deadlines) throws SQLException {
    String state = rs.getString(2);
    boolean closed = rs.getTimestamp(13) != null;
    Instant created = rs.getTimestamp(6).toInstant();
    List<String> notes = new ArrayList<>(List.of(state + " since " + rs.getTimestamp(3).toInstant()));
    if (rs.getString(11) != null) {
      notes.add("channel " + rs.getString(11));
    }
    if (rs.getString(12) != null) {
      notes.add("priority " + rs.getString(12));
    }
    String address = rs.getString(9) == null ? "Kecamatan " + rs.getString(10)
        : "Kelurahan " + rs.getString(9) + ", Kecamatan " + rs.getString(10);
    return new JsonObject()
        .put("service_request_id", rs.getString(1))
        .put("status", closed ? "closed" : "open")
        .put("status_notes", String.join("; ", notes))
        .put("service_name", Open311Services.name(rs.getString(4)))
        .put("service_code", rs.getString(4))
        .put("description", rs.getString(5))
        .put("agency_responsible", "Kecamatan " + rs.getString(10))
        .put("service_notice", null)
        .put("requested_datetime", created.toString())
        .put("updated_datetime", rs.getTimestamp(3).toInstant().toString())
        .put("expected_datetime", deadlines.deadline(created, rs.getString(4)).toString())
        .put("address", address)
        .put("address_id", null)
        .put("zipcode", null)
        .put("lat", (Double) rs.getObject(7))
        .put("long", (Double) rs.getObject(8))
        .put("media_url", null);
  }
}
