package id.pantau.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

  /**
   * What a node following new messages reads in one poll: every message whose writing
   * transaction had not finished at the previous poll's {@code horizon} (so a message whose id
   * was handed out before a higher one's, but committed after it, is read too), and the horizon
   * for the next poll: every transaction before it has finished, so its messages are all read by now.
   */
  public record Written(long horizon, List<Written.Entry> messages) {
    /** A message and the transaction that wrote it. */
    public record Entry(Message message, long transaction) {
    }
  }

  /**
   * Messages written by transactions at or after {@code horizon} (all of them the previous poll
   * might not have seen), oldest first, with the new horizon, read in one snapshot. With no
   * horizon yet ({@code null}) it reads from the snapshot's own horizon: what is visible now,
   * for a node starting to follow.
   */
  public Written writtenSince(Long horizon) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
        WITH now AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon)
        SELECT now.horizon::text::bigint, m.id, m.kecamatan_id, m.kind, m.payload, m.written_by_tx::text::bigint
        FROM now LEFT JOIN downlink_message m
          ON m.written_by_tx >= coalesce(?::text::xid8, now.horizon)
        ORDER BY m.id""")) {
      ps.setString(1, horizon == null ? null : Long.toString(horizon));
      long next = 0;
      List<Written.Entry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          next = rs.getLong(1);
          rs.getLong(2);
          if (!rs.wasNull()) {
            out.add(new Written.Entry(new Message(rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5)),
                rs.getLong(6)));
          }
        }
      }
      return new Written(next, out);
    }
  }

  /** Publishes downlink messages through an MQTT broker; returns the ids of those the broker acknowledged. */
  public interface BrokerPublisher {
    Set<Long> publishAll(List<Message> messages) throws Exception;
  }

  /** How a node takes its share of the broker downlink: its name, its batch, and how long its claim holds. */
  public record BrokerLease(String node, int limit, Duration lease, Duration maxAge) {
  }

  /**
   * Broker mode, one round: claims up to {@code limit} messages not yet published through the
   * broker and not leased by a node whose lease still runs (one short transaction), hands them to
   * {@code publisher} with no transaction open, and marks those it reports acknowledged by the
   * broker published (a second short transaction); the rest are released for the next round. A
   * node that dies mid-round holds its messages until its lease runs out; then another node takes
   * them. Messages older than {@code maxAge} are marked without being published: they are history
   * (written before broker mode was on), not news for the kecamatan.
   *
   * @return how many were published and acknowledged
   */
  public int publishPendingThroughBroker(BrokerLease lease, BrokerPublisher publisher) throws Exception {
    List<Message> claimed = claimForBroker(lease);
    if (claimed.isEmpty()) {
      return 0;
    }
    Set<Long> acknowledged = Set.of();
    try {
      acknowledged = publisher.publishAll(claimed);
    } finally {
      settleBrokerRound(lease.node(), claimed, acknowledged);
    }
    return acknowledged.size();
  }

  /** Leases up to {@code limit} pending messages to {@code node}, oldest first. */
  List<Message> claimForBroker(BrokerLease lease) throws SQLException {
    try (Connection c = ds.getConnection()) {
      try (PreparedStatement stale = c.prepareStatement("UPDATE downlink_message SET broker_published_at = now()"
          + " WHERE broker_published_at IS NULL AND created_at < now() - make_interval(secs => ?)")) {
        stale.setLong(1, lease.maxAge().toSeconds());
        stale.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("""
          UPDATE downlink_message SET broker_leased_by = ?, broker_lease_until = now() + make_interval(secs => ?)
          WHERE id IN (SELECT id FROM downlink_message
                       WHERE broker_published_at IS NULL AND (broker_lease_until IS NULL OR broker_lease_until < now())
                       ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
          RETURNING id, kecamatan_id, kind, payload""")) {
        ps.setString(1, lease.node());
        ps.setDouble(2, lease.lease().toMillis() / 1000.0);
        ps.setInt(3, lease.limit());
        List<Message> claimed = messages(ps);
        claimed.sort(Comparator.comparingLong(Message::id));
        return claimed;
      }
    }
  }

  /** Marks the acknowledged messages published and releases this node's lease on the others. */
  private void settleBrokerRound(String node, List<Message> claimed, Set<Long> acknowledged) throws SQLException {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement done = c.prepareStatement("UPDATE downlink_message SET broker_published_at = now(),"
          + " broker_leased_by = NULL, broker_lease_until = NULL WHERE id = ANY (?) AND broker_published_at IS NULL");
           PreparedStatement release = c.prepareStatement("UPDATE downlink_message SET broker_leased_by = NULL,"
          + " broker_lease_until = NULL WHERE id = ANY (?) AND broker_leased_by = ? AND broker_published_at IS NULL")) {
        done.setArray(1, c.createArrayOf("int8", acknowledged.toArray()));
        done.executeUpdate();
        release.setArray(1, c.createArrayOf("int8",
            claimed.stream().map(Message::id).filter(id -> !acknowledged.contains(id)).toArray()));
        release.setString(2, node);
        release.executeUpdate();
        c.commit();
      } catch (SQLException e) {
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
