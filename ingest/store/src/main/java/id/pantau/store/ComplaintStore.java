package id.pantau.store;

import id.pantau.wire.ComplaintEvent;
import id.pantau.wire.Rejection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes complaint event batches in one transaction: claims the batch ids, keeps every new
 * event, and recomputes the current state of each complaint the flush touched from all its
 * events ordered by ts. Recomputing (rather than applying each event to the stored state) is
 * what makes late, out-of-order and repeated events converge to the same state.
 * Blocking JDBC: call from a writer thread.
 */
public final class ComplaintStore {
  private static final String INSERT_EVENTS = """
      INSERT INTO complaint_event (city_id, complaint_id, event, ts, kecamatan_id, gateway_id,
                                   category, kelurahan, lat, lon, channel, priority, text)
      SELECT c, id, ev, timestamptz 'epoch' + t * interval '1 millisecond', k, g, cat, kel, la, lo, ch, pr, tx
      FROM unnest(?::int4[], ?::text[], ?::text[], ?::int8[], ?::int4[], ?::text[],
                  ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[], ?::text[], ?::text[])
        AS u(c, id, ev, t, k, g, cat, kel, la, lo, ch, pr, tx)
      ON CONFLICT DO NOTHING""";

  // Only the events of the kecamatan that created a complaint count: events another kecamatan's
  // gateway sent ahead for an id it did not create are kept, and never applied.
  // Ties between events with the same ts are broken by lifecycle order (reopened wins).
  private static final String RECOMPUTE = """
      WITH affected AS (
        SELECT DISTINCT city_id, complaint_id FROM unnest(?::int4[], ?::text[]) AS u(city_id, complaint_id)),
      created AS (
        SELECT DISTINCT ON (city_id, complaint_id) e.* FROM complaint_event e JOIN affected a USING (city_id, complaint_id)
        WHERE e.event = 'created' ORDER BY city_id, complaint_id, ts),
      events AS (
        SELECT e.*, array_position(ARRAY['created','dispatched','in_progress','resolved','closed','rejected',
                                         'reopened'], e.event) AS rank
        FROM complaint_event e JOIN created cr USING (city_id, complaint_id)
        WHERE e.kecamatan_id = cr.kecamatan_id),
      latest AS (
        SELECT DISTINCT ON (city_id, complaint_id) city_id, complaint_id, event, ts FROM events
        ORDER BY city_id, complaint_id, ts DESC, rank DESC),
      reopened AS (
        SELECT city_id, complaint_id, max(ts) AS ts FROM events WHERE event = 'reopened' GROUP BY 1, 2),
      resolution AS (
        SELECT e.city_id, e.complaint_id, min(e.ts) AS ts
        FROM events e LEFT JOIN reopened r USING (city_id, complaint_id)
        WHERE e.event IN ('resolved', 'closed', 'rejected') AND (r.ts IS NULL OR e.ts > r.ts)
        GROUP BY 1, 2)
      INSERT INTO complaint AS c (city_id, id, kecamatan_id, category, kelurahan, lat, lon, channel, priority, text,
                                  created_at, state, state_at, resolved_at)
      SELECT cr.city_id, cr.complaint_id, cr.kecamatan_id, cr.category, cr.kelurahan, cr.lat, cr.lon, cr.channel,
             cr.priority, cr.text, cr.ts, l.event, l.ts,
             CASE WHEN l.event IN ('resolved', 'closed', 'rejected') THEN res.ts END
      FROM created cr
      JOIN latest l USING (city_id, complaint_id)
      LEFT JOIN resolution res USING (city_id, complaint_id)
      ORDER BY cr.city_id, cr.complaint_id
      ON CONFLICT (city_id, id) DO UPDATE SET
        kecamatan_id = excluded.kecamatan_id, category = excluded.category, kelurahan = excluded.kelurahan,
        lat = excluded.lat, lon = excluded.lon, channel = excluded.channel, priority = excluded.priority,
        text = excluded.text, created_at = excluded.created_at, state = excluded.state,
        state_at = excluded.state_at, resolved_at = excluded.resolved_at""";

  // the kecamatan whose gateway reported the complaint's 'created' event: its owner
  private static final String OWNERS = """
      SELECT DISTINCT ON (e.city_id, e.complaint_id) e.city_id, e.complaint_id, e.kecamatan_id
      FROM complaint_event e JOIN unnest(?::int4[], ?::text[]) AS u(city_id, complaint_id) USING (city_id, complaint_id)
      WHERE e.event = 'created'
      ORDER BY e.city_id, e.complaint_id, e.ts""";

  private final DataSource ds;

  public ComplaintStore(DataSource ds) {
    this.ds = ds;
  }

  public WriteResult write(List<ComplaintWrite> writes) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        Map<Integer, Rejection> refusals = otherKecamatansComplaints(c, writes);
        BitSet candidates = new BitSet(writes.size());
        candidates.set(0, writes.size());
        refusals.keySet().forEach(candidates::clear);
        BitSet claimed = BatchClaims.claim(c, "complaints", writes, candidates, w -> w.batch().id(), w -> w.batch().size());
        List<ComplaintWrite> fresh = claimed.stream().mapToObj(writes::get).toList();
        long events = insertEvents(c, fresh);
        recompute(c, fresh);
        c.commit();
        return WriteResult.of(writes.size(), claimed, refusals, events);
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /**
   * A complaint belongs to the kecamatan whose gateway sent its {@code created} event; a gateway
   * of another kecamatan may not add events to it (it could close a complaint that is not its
   * own), nor create it again. Events for an id nobody created yet are kept, and count only if
   * the kecamatan that creates it sent them: sending events ahead for coming ids owns nothing.
   * A write with a foreign event is refused whole, by itself, naming every foreign complaint.
   */
  private static Map<Integer, Rejection> otherKecamatansComplaints(Connection c, List<ComplaintWrite> writes)
      throws SQLException {
    Map<List<Object>, Integer> owners = owners(c, writes);
    Map<Integer, Rejection> refusals = new HashMap<>();
    Map<List<Object>, Integer> createdHere = new HashMap<>();
    for (int w = 0; w < writes.size(); w++) {
      ComplaintWrite write = writes.get(w);
      ForeignComplaints foreign = new ForeignComplaints(write);
      Map<List<Object>, Integer> creates = new HashMap<>();
      List<ComplaintEvent> events = write.batch().events();
      for (int i = 0; i < events.size(); i++) {
        List<Object> key = List.of(write.kecamatan().cityId(), events.get(i).complaintId());
        Integer owner = owners.getOrDefault(key, createdHere.get(key));
        if (owner != null && owner != write.kecamatan().id()) {
          foreign.add(i);
        } else if (owner == null && events.get(i).event() == ComplaintEvent.Lifecycle.CREATED) {
          creates.put(key, write.kecamatan().id());
        }
      }
      Rejection refused = foreign.rejection();
      if (refused != null) {
        refusals.put(w, refused);
      } else {
        createdHere.putAll(creates);
      }
    }
    return refusals;
  }

  private static Map<List<Object>, Integer> owners(Connection c, List<ComplaintWrite> writes) throws SQLException {
    Set<List<Object>> keys = new LinkedHashSet<>();
    for (ComplaintWrite w : writes) {
      for (ComplaintEvent e : w.batch().events()) {
        keys.add(List.of(w.kecamatan().cityId(), e.complaintId()));
      }
    }
    Map<List<Object>, Integer> owners = new HashMap<>();
    if (keys.isEmpty()) {
      return owners;
    }
    try (PreparedStatement ps = c.prepareStatement(OWNERS)) {
      ps.setArray(1, c.createArrayOf("int4", keys.stream().map(k -> k.get(0)).toArray()));
      ps.setArray(2, c.createArrayOf("text", keys.stream().map(k -> k.get(1)).toArray()));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          owners.put(List.of(rs.getInt(1), rs.getString(2)), rs.getInt(3));
        }
      }
    }
    return owners;
  }

  private static long insertEvents(Connection c, List<ComplaintWrite> fresh) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (ComplaintWrite w : fresh) {
      for (ComplaintEvent e : w.batch().events()) {
        rows.add(new Object[] {w.kecamatan().cityId(), e.complaintId(), e.event().wireName(), e.ts(), w.kecamatan().id(),
            w.batch().id().gateway(), e.category(), e.kelurahan(), e.lat(), e.lon(), e.channel(), e.priority(), e.text()});
      }
    }
    if (rows.isEmpty()) {
      return 0;
    }
    String[] types = {"int4", "text", "text", "int8", "int4", "text", "text", "text", "float8", "float8", "text", "text", "text"};
    try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS)) {
      for (int col = 0; col < types.length; col++) {
        Object[] column = new Object[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
          column[r] = rows.get(r)[col];
        }
        ps.setArray(col + 1, c.createArrayOf(types[col], column));
      }
      return ps.executeUpdate();
    }
  }

  private static void recompute(Connection c, List<ComplaintWrite> fresh) throws SQLException {
    Set<List<Object>> affected = new LinkedHashSet<>();
    for (ComplaintWrite w : fresh) {
      for (ComplaintEvent e : w.batch().events()) {
        affected.add(List.of(w.kecamatan().cityId(), e.complaintId()));
      }
    }
    if (affected.isEmpty()) {
      return;
    }
    Object[] cities = affected.stream().map(k -> k.get(0)).toArray();
    Object[] ids = affected.stream().map(k -> k.get(1)).toArray();
    try (PreparedStatement ps = c.prepareStatement(RECOMPUTE)) {
      ps.setArray(1, c.createArrayOf("int4", cities));
      ps.setArray(2, c.createArrayOf("text", ids));
      ps.executeUpdate();
    }
  }
}
