package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Messages from the command center to the kecamatan (alerts and instructions), the gateways
 * subscribed to them, and which gateway acknowledged which message. Blocking JDBC: call from a worker.
 */
public final class DownlinkStore {
  /** A message waiting to go out on {@code pantau/v1/{city}/{kec}/alerts}. */
  public record Message(long id, int kecamatanId, String kind, String payload) {
  }

  /** A gateway's downlink subscription: messages after {@code sinceId} are owed to it. */
  public record Subscription(String gatewayId, long sinceId, boolean persistent) {
  }

  private final DataSource ds;

  public DownlinkStore(DataSource ds) {
    this.ds = ds;
  }

  public long publish(int cityId, int kecamatanId, String kind, String payload, String createdBy) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO downlink_message (city_id, kecamatan_id, kind, payload, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
      ps.setInt(1, cityId);
      ps.setInt(2, kecamatanId);
      ps.setString(3, kind);
      ps.setString(4, payload);
      ps.setString(5, createdBy);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The newest message id, where a node starts following new messages from. */
  public long newestId() throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT coalesce(max(id), 0) FROM downlink_message"); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Messages after {@code afterId}, oldest first, at most {@code limit}. */
  public List<Message> after(long afterId, int limit) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT id, kecamatan_id, kind, payload FROM downlink_message WHERE id > ? ORDER BY id LIMIT ?")) {
      ps.setLong(1, afterId);
      ps.setInt(2, limit);
      return messages(ps);
    }
  }

  /** Publishes downlink messages through an MQTT broker; returns the ids of those the broker acknowledged. */
  public interface BrokerPublisher {
    java.util.Set<Long> publishAll(List<Message> messages) throws Exception;
  }

  /**
   * Broker mode: claims up to {@code limit} messages not yet published through the broker
   * (skipping those another node is publishing right now), hands them to {@code publisher}, and
   * marks those it reports acknowledged by the broker; the rest (or all, if it throws) stay pending
   * for the next round.
   * Messages older than {@code maxAge} when first claimed are marked without being published:
   * they are history (written before broker mode was on), not news for the kecamatan.
   *
   * @return how many were published and acknowledged
   */
  public int publishPendingThroughBroker(int limit, java.time.Duration maxAge, BrokerPublisher publisher) throws Exception {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement stale = c.prepareStatement("UPDATE downlink_message SET broker_published_at = now()"
            + " WHERE broker_published_at IS NULL AND created_at < now() - make_interval(secs => ?)")) {
          stale.setLong(1, maxAge.toSeconds());
          stale.executeUpdate();
        }
        List<Message> pending;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kecamatan_id, kind, payload FROM downlink_message"
            + " WHERE broker_published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
          ps.setInt(1, limit);
          pending = messages(ps);
        }
        java.util.Set<Long> acknowledged = pending.isEmpty() ? java.util.Set.of() : publisher.publishAll(pending);
        if (!acknowledged.isEmpty()) {
          try (PreparedStatement done = c.prepareStatement(
              "UPDATE downlink_message SET broker_published_at = now() WHERE id = ANY (?)")) {
            done.setArray(1, c.createArrayOf("int8", acknowledged.toArray()));
            done.executeUpdate();
          }
        }
        c.commit();
        return acknowledged.size();
      } catch (Exception e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** What a gateway is owed: its kecamatan's messages after its subscription began, not yet acknowledged. */
  public List<Message> owed(String gatewayId, int kecamatanId, long sinceId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
        SELECT m.id, m.kecamatan_id, m.kind, m.payload FROM downlink_message m
        WHERE m.kecamatan_id = ? AND m.id > ?
          AND NOT EXISTS (SELECT 1 FROM downlink_delivery d WHERE d.gateway_id = ? AND d.message_id = m.id)
        ORDER BY m.id LIMIT 1000""")) {
      ps.setInt(1, kecamatanId);
      ps.setLong(2, sinceId);
      ps.setString(3, gatewayId);
      return messages(ps);
    }
  }

  public Optional<Subscription> subscription(String gatewayId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT since_id, persistent FROM downlink_subscription WHERE gateway_id = ?")) {
      ps.setString(1, gatewayId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Subscription(gatewayId, rs.getLong(1), rs.getBoolean(2))) : Optional.empty();
      }
    }
  }

  /** Records a subscription; an existing one keeps its start, so nothing owed is forgotten. */
  public Subscription subscribe(String gatewayId, boolean persistent) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
        INSERT INTO downlink_subscription (gateway_id, since_id, persistent)
        VALUES (?, (SELECT coalesce(max(id), 0) FROM downlink_message), ?)
        ON CONFLICT (gateway_id) DO UPDATE SET persistent = excluded.persistent, updated_at = now()
        RETURNING since_id""")) {
      ps.setString(1, gatewayId);
      ps.setBoolean(2, persistent);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Subscription(gatewayId, rs.getLong(1), persistent);
      }
    }
  }

  /** A clean session, an unsubscribe, or a non-persistent session ending: nothing more is owed. */
  public void unsubscribe(String gatewayId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "DELETE FROM downlink_subscription WHERE gateway_id = ?")) {
      ps.setString(1, gatewayId);
      ps.executeUpdate();
    }
  }

  public void delivered(String gatewayId, long messageId) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO downlink_delivery (message_id, gateway_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      ps.setLong(1, messageId);
      ps.setString(2, gatewayId);
      ps.executeUpdate();
    }
  }

  private static List<Message> messages(PreparedStatement ps) throws SQLException {
    List<Message> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Message(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
      }
    }
    return out;
  }
}
