package id.pantau.dashboard.alert;

import id.pantau.dashboard.readmodel.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Alerts in the database: the open ones, their history, and an operator's acknowledgement. */
final class AlertStore {
  private static final String COLUMNS = """
      a.id, a.rule, a.subject, k.slug, a.severity, a.title, a.title_en, a.value, a.opened_at, a.updated_at,
      a.acknowledged_at, a.acknowledged_by, a.cleared_at""";
  private static final String FROM = " FROM alert a LEFT JOIN kecamatan k ON k.id = a.kecamatan_id ";

  /** An open alert as the engine needs it. */
  record Open(long id, String severity, String kecamatan) {
  }

  private final DataSource ds;

  AlertStore(DataSource ds) {
    this.ds = ds;
  }

  Map<String, Open> open(Connection c, int cityId) throws SQLException {
    Map<String, Open> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT a.rule, a.subject, a.id, a.severity, k.slug" + FROM
        + "WHERE a.city_id = ? AND a.cleared_at IS NULL")) {
      ps.setInt(1, cityId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1) + "/" + rs.getString(2), new Open(rs.getLong(3), rs.getString(4), rs.getString(5)));
        }
      }
    }
    return out;
  }

  /** @return the new alert's id, or empty when another node opened the same alert first */
  Optional<Long> insert(Connection c, int cityId, Integer kecamatanId, AlertCondition a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO alert (city_id, kecamatan_id, rule, subject, severity, title, title_en, value)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (city_id, rule, subject) WHERE cleared_at IS NULL DO NOTHING RETURNING id""")) {
      ps.setInt(1, cityId);
      ps.setObject(2, kecamatanId);
      ps.setString(3, a.rule());
      ps.setString(4, a.subject());
      ps.setString(5, a.severity());
      ps.setString(6, a.title());
      ps.setString(7, a.titleEn());
      ps.setObject(8, a.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Keeps an open alert's figures current; a changed severity is an escalation (or easing). */
  void update(Connection c, long id, AlertCondition a) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        UPDATE alert SET severity = ?, title = ?, title_en = ?, value = ?, updated_at = now()
        WHERE id = ? AND (severity IS DISTINCT FROM ? OR value IS DISTINCT FROM ?)""")) {
      ps.setString(1, a.severity());
      ps.setString(2, a.title());
      ps.setString(3, a.titleEn());
      ps.setObject(4, a.value());
      ps.setLong(5, id);
      ps.setString(6, a.severity());
      ps.setObject(7, a.value());
      ps.executeUpdate();
    }
  }

  /** @return true when this call cleared it (another node may have done it first) */
  boolean clear(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE alert SET cleared_at = now(), updated_at = now() WHERE id = ? AND cleared_at IS NULL")) {
      ps.setLong(1, id);
      return ps.executeUpdate() == 1;
    }
  }

  Optional<Alert> acknowledge(long id, int cityId, String operator) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
        UPDATE alert SET acknowledged_at = coalesce(acknowledged_at, now()),
          acknowledged_by = coalesce(acknowledged_by, ?), updated_at = now()
        WHERE id = ? AND city_id = ?""")) {
      ps.setString(1, operator);
      ps.setLong(2, id);
      ps.setInt(3, cityId);
      if (ps.executeUpdate() == 0) {
        return Optional.empty();
      }
      return find(c, id);
    }
  }

  /** Open alerts (newest first) and those cleared within the last day. */
  AlertBoard current(int cityId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return new AlertBoard(
          list(c, "WHERE a.city_id = ? AND a.cleared_at IS NULL ORDER BY a.opened_at DESC, a.id DESC LIMIT 500", cityId),
          list(c, "WHERE a.city_id = ? AND a.cleared_at > now() - interval '24 hours'"
              + " ORDER BY a.cleared_at DESC LIMIT 50", cityId));
    }
  }

  /**
   * The alerts as they stood at {@code at}: open then (opened by it, not cleared by it), newest
   * first, and those cleared in the day before it; acknowledgements and clearings after
   * {@code at} are left out, as the screen had not seen them yet.
   */
  AlertBoard at(int cityId, java.time.Instant at) throws SQLException {
    Timestamp t = Timestamp.from(at);
    Timestamp dayBefore = Timestamp.from(at.minus(java.time.Duration.ofHours(24)));
    try (Connection c = ds.getConnection()) {
      return new AlertBoard(
          list(c, "WHERE a.city_id = ? AND a.opened_at <= ? AND (a.cleared_at IS NULL OR a.cleared_at > ?)"
              + " ORDER BY a.opened_at DESC, a.id DESC LIMIT 500", cityId, t, t).stream().map(a -> asAt(a, at)).toList(),
          list(c, "WHERE a.city_id = ? AND a.cleared_at > ? AND a.cleared_at <= ?"
              + " ORDER BY a.cleared_at DESC LIMIT 50", cityId, dayBefore, t).stream().map(a -> asAt(a, at)).toList());
    }
  }

  /** An alert without what happened to it after {@code at}. */
  private static Alert asAt(Alert a, java.time.Instant at) {
    boolean acknowledged = a.acknowledgedAt() != null && !a.acknowledgedAt().isAfter(at);
    boolean cleared = a.clearedAt() != null && !a.clearedAt().isAfter(at);
    return new Alert(a.id(), a.rule(), a.subject(), a.kecamatan(), a.severity(), a.title(), a.titleEn(), a.value(),
        a.openedAt(), a.updatedAt().isAfter(at) ? at : a.updatedAt(), acknowledged ? a.acknowledgedAt() : null,
        acknowledged ? a.acknowledgedBy() : null, cleared ? a.clearedAt() : null);
  }

  /** History: alerts opened in [from, to), newest first, optionally of one kecamatan or still open. */
  List<Alert> history(int cityId, String kecamatan, boolean activeOnly, Timestamp from, Timestamp to, int limit)
      throws SQLException {
    try (Connection c = ds.getConnection()) {
      return list(c, "WHERE a.city_id = ? AND (?::text IS NULL OR k.slug = ?) AND (NOT ? OR a.cleared_at IS NULL)"
          + " AND a.opened_at >= ? AND a.opened_at < ? ORDER BY a.opened_at DESC, a.id DESC LIMIT ?",
          cityId, kecamatan, kecamatan, activeOnly, from, to, limit);
    }
  }

  /** The alert of the city, acknowledged or not. */
  Optional<Alert> find(long id, int cityId) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return list(c, "WHERE a.id = ? AND a.city_id = ?", id, cityId).stream().findFirst();
    }
  }

  private Optional<Alert> find(Connection c, long id) throws SQLException {
    return list(c, "WHERE a.id = ?", id).stream().findFirst();
  }

  private static List<Alert> list(Connection c, String where, Object... params) throws SQLException {
    return Rows.list(c, "SELECT " + COLUMNS + FROM + where, AlertStore::alert, params);
  }

  private static Alert alert(ResultSet rs) throws SQLException {
    return new Alert(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), (Double) rs.getObject(8), rs.getTimestamp(9).toInstant(),
        rs.getTimestamp(10).toInstant(), Rows.instant(rs.getTimestamp(11)), rs.getString(12),
        Rows.instant(rs.getTimestamp(13)));
  }
}
