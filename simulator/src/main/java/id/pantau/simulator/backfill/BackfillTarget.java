package id.pantau.simulator.backfill;

import id.pantau.simulator.scenario.Scenario;
import id.pantau.wire.Metric;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database a backfill writes into, as a Pantau server set it up: the city and its kecamatan,
 * the metric catalogue and the gateways, read by id; and the checks that keep a backfill from
 * counting anything twice or reaching a gateway that is connected now.
 */
final class BackfillTarget {
  /** Backfilled complaints' ids start so: the mark that a city was backfilled. */
  static final String COMPLAINT_PREFIX = "bf-";

  final int cityId;
  final Map<String, Integer> kecamatanIds;
  final Map<Metric, Short> metricIds;
  /** The gateways of each kecamatan, first one first. */
  final Map<String, List<String>> gateways;

  private BackfillTarget(int cityId, Map<String, Integer> kecamatanIds, Map<Metric, Short> metricIds,
      Map<String, List<String>> gateways) {
    this.cityId = cityId;
    this.kecamatanIds = kecamatanIds;
    this.metricIds = metricIds;
    this.gateways = gateways;
  }

  static BackfillTarget read(Connection c, Scenario scenario) throws SQLException, BackfillException {
    Integer cityId = cityId(c, scenario.city());
    if (cityId == null) {
      throw notSetUp("has no city '" + scenario.city() + "'");
    }
    Map<String, Integer> kecamatan = new LinkedHashMap<>();
    Map<String, Integer> known = pairs(c, "SELECT slug, id FROM kecamatan WHERE city_id = ?", cityId);
    List<String> missing = new ArrayList<>();
    for (Scenario.KecamatanSpec k : scenario.kecamatan()) {
      if (known.containsKey(k.slug())) {
        kecamatan.put(k.slug(), known.get(k.slug()));
      } else {
        missing.add(k.slug());
      }
    }
    if (!missing.isEmpty()) {
      throw notSetUp("has no kecamatan " + missing + " in " + scenario.city());
    }
    Map<String, Integer> metrics = pairs(c, "SELECT name, id::int FROM metric WHERE ? > 0", 1);
    Map<Metric, Short> metricIds = new EnumMap<>(Metric.class);
    for (Metric m : Metric.values()) {
      if (!metrics.containsKey(m.wireName())) {
        throw notSetUp("has no metric '" + m.wireName() + "'");
      }
      metricIds.put(m, metrics.get(m.wireName()).shortValue());
    }
    return new BackfillTarget(cityId, kecamatan, metricIds, gateways(c, scenario, cityId));
  }

  private static BackfillException notSetUp(String what) {
    return new BackfillException("the database " + what + ": start the Pantau server on it once (it creates the schema,"
        + " the city's kecamatan and the metric catalogue), then backfill");
  }

  private static Integer cityId(Connection c, String slug) throws SQLException, BackfillException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM city WHERE slug = ?")) {
      ps.setString(1, slug);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : null;
      }
    } catch (SQLException e) {
      if ("42P01".equals(e.getSQLState())) {
        throw notSetUp("has no Pantau schema");
      }
      throw e;
    }
  }

  private static Map<String, Integer> pairs(Connection c, String sql, int parameter) throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, parameter);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return out;
  }

  /** Provisioned gateways per kecamatan; one not provisioned yet is named as the server would name it. */
  private static Map<String, List<String>> gateways(Connection c, Scenario scenario, int cityId) throws SQLException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT k.slug, g.id FROM gateway g JOIN kecamatan k ON k.id = g.kecamatan_id WHERE k.city_id = ? ORDER BY g.id")) {
      ps.setInt(1, cityId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    for (Scenario.KecamatanSpec k : scenario.kecamatan()) {
      out.computeIfAbsent(k.slug(), x -> List.of(scenario.city() + "." + k.slug() + ".gw1"));
    }
    return out;
  }

  /**
   * Refuses a second backfill of the city (it would count everything twice), and a backfill while
   * its gateways are connected to a running server (the server would pass the backfilled
   * instructions to them as news).
   */
  void refuseIfFilledOrLive(Connection c, String city) throws SQLException, BackfillException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*), min(created_at), max(created_at) FROM complaint"
        + " WHERE city_id = ? AND id LIKE '" + COMPLAINT_PREFIX + "%'")) {
      ps.setInt(1, cityId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) > 0) {
          throw new BackfillException("the database already holds backfilled history of " + city + " ("
              + rs.getLong(1) + " complaints '" + COMPLAINT_PREFIX + "...' received from "
              + rs.getObject(2, OffsetDateTime.class).toInstant() + " to " + rs.getObject(3, OffsetDateTime.class).toInstant()
              + "): a second backfill would count it twice. Nothing was written. To fill again, start from a fresh"
              + " database (a new data folder, or DROP and let the server create it)");
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM gateway g JOIN kecamatan k"
        + " ON k.id = g.kecamatan_id WHERE k.city_id = ? AND g.online")) {
      ps.setInt(1, cityId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) > 0) {
          throw new BackfillException(rs.getLong(1) + " gateways of " + city + " are connected to a running server:"
              + " it would pass the backfilled instructions to them as news. Stop the simulator's gateways (or the"
              + " server's MQTT side) and backfill before they connect. Nothing was written");
        }
      }
    }
  }

  /** The first minute the city has rollups for, or null: a backfill ends there, so it never overlaps live data. */
  Instant firstRollup(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT min(x.minute) FROM unnest(?::int4[]) AS k(id) CROSS JOIN metric m,
          LATERAL (SELECT r.minute FROM rollup_1m r WHERE r.kecamatan_id = k.id AND r.metric_id = m.id
                   ORDER BY r.minute LIMIT 1) x""")) {
      ps.setArray(1, c.createArrayOf("int4", kecamatanIds.values().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
      }
    }
  }

  /** Whether the city has rollups in [from, to): an explicit --backfill-end must not overlap them. */
  boolean hasRollups(Connection c, Instant from, Instant to) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM rollup_1m WHERE kecamatan_id = ANY (?)"
        + " AND minute >= ? AND minute < ?)")) {
      ps.setArray(1, c.createArrayOf("int4", kecamatanIds.values().toArray()));
      ps.setObject(2, from.atOffset(ZoneOffset.UTC));
      ps.setObject(3, to.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }
}
