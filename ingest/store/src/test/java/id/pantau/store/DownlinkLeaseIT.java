package id.pantau.store;

import id.pantau.store.testing.SharedDatabase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker-mode downlink between two nodes sharing one database: messages are claimed with a
 * lease, published with no transaction (and no row lock) open, and marked once the broker
 * acknowledged them; a node that died mid-round holds them only until its lease runs out.
 */
class DownlinkLeaseIT {
  private static final Duration HOUR = Duration.ofHours(1);
  @TempDir
  static Path dir;
  static Database database;
  static DownlinkStore store;
  static int cityId;
  static int kecamatanId;

  @BeforeAll
  static void open() throws Exception {
    // an external test database is reset (once per JVM) before its first use, as every IT does
    String url = System.getenv("PANTAU_TEST_DATABASE_URL") == null ? null : SharedDatabase.jdbcUrl();
    var timescale = new TimescaleConfig(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(90), Duration.ofDays(730));
    database = Database.open(new DatabaseConfig(url, System.getenv("PANTAU_TEST_DATABASE_USER"),
        System.getenv("PANTAU_TEST_DATABASE_PASSWORD"), dir.resolve("pg"), 0, 4, Duration.ofSeconds(10), timescale));
    store = new DownlinkStore(database.dataSource());
    execute("INSERT INTO city (slug, name, timezone) VALUES ('leasetown', 'Leasetown', 'Asia/Jakarta')"
        + " ON CONFLICT (slug) DO NOTHING");
    cityId = (int) number("SELECT id FROM city WHERE slug = 'leasetown'");
    execute("INSERT INTO kecamatan (city_id, slug, name, zone) VALUES (" + cityId + ", 'pusat', 'Pusat', 'mixed')"
        + " ON CONFLICT (city_id, slug) DO NOTHING");
    kecamatanId = (int) number("SELECT id FROM kecamatan WHERE city_id = " + cityId + " AND slug = 'pusat'");
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @BeforeEach
  void noPendingDownlink() throws SQLException {
    execute("UPDATE downlink_message SET broker_published_at = now() WHERE broker_published_at IS NULL");
  }

  @Test
  void noRowIsLockedWhileTheBrokerIsAwaitedAndAnotherNodeDoesNotTakeTheLeasedMessages() throws Exception {
    long first = store.publish(cityId, kecamatanId, "instruction", "{\"n\":1}", "test");
    long second = store.publish(cityId, kecamatanId, "instruction", "{\"n\":2}", "test");
    List<String> seenByOtherNode = new ArrayList<>();

    int published = store.publishPendingThroughBroker(lease("node-a", HOUR), messages -> {
      assertEquals(List.of(first, second), ids(messages));
      // while node a waits for the broker: its rows can be locked by anyone (no lock held) ...
      execute("SELECT id FROM downlink_message WHERE id IN (" + first + ", " + second + ") FOR UPDATE NOWAIT");
      // ... and node b, taking its round meanwhile, finds nothing to publish
      store.publishPendingThroughBroker(lease("node-b", HOUR), taken -> {
        taken.forEach(m -> seenByOtherNode.add(m.payload()));
        return Set.copyOf(ids(taken));
      });
      return Set.of(first, second);
    });

    assertEquals(2, published);
    assertEquals(List.of(), seenByOtherNode);
    assertEquals(0, number("SELECT count(*) FROM downlink_message WHERE id IN (" + first + ", " + second + ")"
        + " AND (broker_published_at IS NULL OR broker_leased_by IS NOT NULL)"));
  }

  @Test
  void aLeaseThatRanOutLetsAnotherNodeTakeTheMessages() throws Exception {
    long id = store.publish(cityId, kecamatanId, "alert", "{\"n\":3}", "test");
    // node a claims and dies before it publishes
    assertEquals(List.of(id), ids(store.claimForBroker(lease("node-a", HOUR))));
    assertEquals(0, store.publishPendingThroughBroker(lease("node-b", HOUR), m -> Set.copyOf(ids(m))),
        "node b leaves a live lease alone");

    execute("UPDATE downlink_message SET broker_lease_until = now() - interval '1 second' WHERE id = " + id);

    List<Long> takenByB = new ArrayList<>();
    assertEquals(1, store.publishPendingThroughBroker(lease("node-b", HOUR), m -> {
      takenByB.addAll(ids(m));
      return Set.copyOf(ids(m));
    }));
    assertEquals(List.of(id), takenByB);
    assertTrue(number("SELECT count(*) FROM downlink_message WHERE id = " + id + " AND broker_published_at IS NOT NULL") == 1);
  }

  @Test
  void whatTheBrokerDidNotAcknowledgeGoesOutInTheNextRound() throws Exception {
    long acked = store.publish(cityId, kecamatanId, "instruction", "{\"n\":4}", "test");
    long lost = store.publish(cityId, kecamatanId, "instruction", "{\"n\":5}", "test");
    assertEquals(1, store.publishPendingThroughBroker(lease("node-a", HOUR), m -> Set.of(acked)));

    List<Long> retried = new ArrayList<>();
    assertEquals(1, store.publishPendingThroughBroker(lease("node-b", HOUR), m -> {
      retried.addAll(ids(m));
      return Set.copyOf(ids(m));
    }));
    assertEquals(List.of(lost), retried, "released at once, not after the lease");
    assertNull(text("SELECT broker_leased_by FROM downlink_message WHERE id = " + lost));
  }

  @Test
  void aPublisherThatFailsReleasesItsClaim() throws Exception {
    long id = store.publish(cityId, kecamatanId, "instruction", "{\"n\":6}", "test");
    try {
      store.publishPendingThroughBroker(lease("node-a", HOUR), m -> {
        throw new IllegalStateException("broker gone");
      });
    } catch (IllegalStateException expected) {
      // the round failed
    }
    assertEquals(1, store.publishPendingThroughBroker(lease("node-b", HOUR), m -> Set.copyOf(ids(m))));
    assertEquals(1, number("SELECT count(*) FROM downlink_message WHERE id = " + id + " AND broker_published_at IS NOT NULL"));
  }

  private static DownlinkStore.BrokerLease lease(String node, Duration lease) {
    return new DownlinkStore.BrokerLease(node, 100, lease, HOUR);
  }

  private static List<Long> ids(List<DownlinkStore.Message> messages) {
    return messages.stream().map(DownlinkStore.Message::id).collect(Collectors.toList());
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long number(String sql) throws SQLException {
    String t = text(sql);
    return t == null ? 0 : Long.parseLong(t);
  }

  private static String text(String sql) throws SQLException {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
         ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
