package id.pantau.simulator.backfill;

import id.pantau.wire.ComplaintEvent.Lifecycle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Writes the backfilled complaints, alerts and instructions by COPY, in the shape the live
 * server leaves them: every complaint event as its gateway would have sent it (received a few
 * seconds later), each complaint's current state derived from its events as the complaint store
 * derives it, alerts with their whole history, instructions with their deliveries.
 */
final class HistoryWriter {
  private static final Set<Lifecycle> ENDINGS = Set.of(Lifecycle.RESOLVED, Lifecycle.CLOSED, Lifecycle.REJECTED);
  private final Connection c;
  private final BackfillTarget target;

  HistoryWriter(Connection c, BackfillTarget target) {
    this.c = c;
    this.target = target;
  }

  /** @return the number of events */
  long complaints(List<ComplaintHistory.Complaint> complaints) throws SQLException {
    long events = 0;
    try (CopyText copy = new CopyText(c, "complaint_event", "city_id, complaint_id, event, ts, kecamatan_id, gateway_id,"
        + " category, kelurahan, lat, lon, channel, priority, text, received_at")) {
      for (ComplaintHistory.Complaint k : complaints) {
        int kecamatanId = target.kecamatanIds.get(k.kecamatan());
        String gateway = target.gateways.get(k.kecamatan()).get(0);
        for (ComplaintHistory.Event e : k.events()) {
          boolean created = e.event() == Lifecycle.CREATED;
          CopyText.row(copy.buffer(), target.cityId, k.id(), e.event().wireName(), at(e.ts()), kecamatanId, gateway,
              created ? k.category() : null, null, null, null, created ? k.channel() : null,
              created ? k.priority() : null, created ? k.text() : null, at(e.ts() + 2_000 + e.ts() % 5_000));
          events++;
        }
        copy.flushIfFull();
      }
      copy.end();
    }
    try (CopyText copy = new CopyText(c, "complaint", "city_id, id, kecamatan_id, category, kelurahan, lat, lon, channel,"
        + " priority, text, created_at, state, state_at, resolved_at")) {
      for (ComplaintHistory.Complaint k : complaints) {
        ComplaintHistory.Event last = k.events().get(k.events().size() - 1);
        CopyText.row(copy.buffer(), target.cityId, k.id(), target.kecamatanIds.get(k.kecamatan()), k.category(), null,
            null, null, k.channel(), k.priority(), k.text(), at(k.createdAt()), last.event().wireName(), at(last.ts()),
            resolvedAt(k.events()));
        copy.flushIfFull();
      }
      copy.end();
    }
    return events;
  }

  /** As the complaint store: the first resolution after the last reopening, while the complaint is resolved. */
  static String resolvedAt(List<ComplaintHistory.Event> events) {
    ComplaintHistory.Event last = events.get(events.size() - 1);
    if (!ENDINGS.contains(last.event())) {
      return null;
    }
    Long resolved = null;
    for (ComplaintHistory.Event e : events) {
      if (e.event() == Lifecycle.REOPENED) {
        resolved = null;
      } else if (ENDINGS.contains(e.event()) && resolved == null) {
        resolved = e.ts();
      }
    }
    return at(resolved);
  }

  void alerts(List<AlertHistory.Alert> alerts) throws SQLException {
    try (CopyText copy = new CopyText(c, "alert", "city_id, kecamatan_id, rule, subject, severity, title, title_en, value,"
        + " opened_at, updated_at, acknowledged_at, acknowledged_by, cleared_at")) {
      for (AlertHistory.Alert a : alerts) {
        CopyText.row(copy.buffer(), target.cityId, target.kecamatanIds.get(a.kecamatan()), a.rule(), a.subject(),
            a.severity(), a.title(), a.titleEn(), a.value(), at(a.openedAt()), at(a.clearedAt()), at(a.acknowledgedAt()),
            a.acknowledgedBy(), at(a.clearedAt()));
        copy.flushIfFull();
      }
      copy.end();
    }
  }

  /**
   * Instructions take ids from the table's own sequence, so the live server's next ones follow
   * them; those already published count as published through the broker too (broker mode must
   * not send a year of history).
   *
   * @return the number of deliveries
   */
  long instructions(List<InstructionHistory.Instruction> instructions) throws SQLException {
    long[] ids = reserveIds(instructions.size());
    long deliveries = 0;
    try (CopyText copy = new CopyText(c, "downlink_message", "id, city_id, kecamatan_id, kind, payload, created_at,"
        + " created_by, broker_published_at")) {
      for (int i = 0; i < ids.length; i++) {
        InstructionHistory.Instruction m = instructions.get(i);
        CopyText.row(copy.buffer(), ids[i], target.cityId, target.kecamatanIds.get(m.kecamatan()), "instruction",
            m.payload(), at(m.createdAt()), m.createdBy(), at(m.deliveredAt() != null ? m.deliveredAt() : m.createdAt()));
        copy.flushIfFull();
      }
      copy.end();
    }
    try (CopyText copy = new CopyText(c, "downlink_delivery", "message_id, gateway_id, delivered_at")) {
      for (int i = 0; i < ids.length; i++) {
        InstructionHistory.Instruction m = instructions.get(i);
        if (m.deliveredAt() != null) {
          for (String gateway : target.gateways.get(m.kecamatan())) {
            CopyText.row(copy.buffer(), ids[i], gateway, at(m.deliveredAt()));
            deliveries++;
          }
        }
        copy.flushIfFull();
      }
      copy.end();
    }
    return deliveries;
  }

  private long[] reserveIds(int n) throws SQLException {
    long[] ids = new long[n];
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT nextval(pg_get_serial_sequence('downlink_message', 'id')) FROM generate_series(1, ?)")) {
      ps.setInt(1, n);
      try (ResultSet rs = ps.executeQuery()) {
        for (int i = 0; rs.next(); i++) {
          ids[i] = rs.getLong(1);
        }
      }
    }
    return ids;
  }

  private static String at(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
