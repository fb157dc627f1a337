package id.pantau.store;

import id.pantau.wire.Rejection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sensor ids by (city, external id), cached: a sensor is looked up in the database once, the
 * first time a writer meets it. A sensor seen for the first time is registered to the
 * kecamatan of the gateway that reported it, in the writer's transaction; from then on only
 * gateways of that kecamatan may report it (a gateway cannot write for devices it does not own).
 * A city with a sensor allow-list registers its sensors in advance; there a sensor nobody
 * registered is refused instead. A write naming a sensor it may not report is refused whole,
 * by itself: the other writes of its flush go on in the same transaction.
 */
final class SensorIds {
  private static final String REGISTER = """
      INSERT INTO sensor (city_id, external_id, kecamatan_id, first_gateway)
      SELECT * FROM unnest(?::int[], ?::text[], ?::int[], ?::text[]) ORDER BY 1, 2
      ON CONFLICT (city_id, external_id) DO NOTHING""";
  private static final String LOOKUP = """
      SELECT u.city_id, u.external_id, s.id, s.kecamatan_id
      FROM unnest(?::int[], ?::text[]) AS u(city_id, external_id)
      JOIN sensor s USING (city_id, external_id)""";

  record Key(int cityId, String externalId) {
  }

  /** A sensor first seen in this flush: the kecamatan and gateway that would own it. */
  record NewSensor(int kecamatanId, String gateway) {
  }

  /** A registered sensor: its id and the kecamatan it belongs to. */
  record Known(int id, int kecamatanId) {
  }

  /** The sensor id of every reading of every write that may be stored, the refused writes, and the sensors registered. */
  record Resolved(int[][] ids, Map<Integer, Rejection> refusals, Map<Key, Known> registered) {
  }

  // city id -> external id -> sensor; the inner map is fetched once per batch, not per reading
  private final Map<Integer, Map<String, Known>> cache = new ConcurrentHashMap<>();
  private final SensorPolicy policy;
  private final SensorQuota quota;

  SensorIds(SensorPolicy policy) {
    this.policy = policy;
    this.quota = new SensorQuota(policy);
  }

  /**
   * Before a write joins a flush, from the cache alone: the reason when it names a sensor known
   * to belong to another kecamatan, else null. Sensors not cached yet are decided in the
   * transaction ({@link #resolve}), which also guards against a registration that raced this check.
   */
  Rejection foreignInCache(TelemetryWrite write) {
    Map<String, Known> known = cache.get(write.kecamatan().cityId());
    if (known == null) {
      return null;
    }
    ForeignSensors foreign = null; // made only for a batch that has one: this runs on the event loop
    var batch = write.batch();
    for (int i = 0; i < batch.size(); i++) {
      Known sensor = known.get(batch.sensor(i));
      if (sensor != null && sensor.kecamatanId() != write.kecamatan().id()) {
        foreign = foreign != null ? foreign : new ForeignSensors(write, policy.kecamatanSlug());
        foreign.add(i, sensor);
      }
    }
    return foreign == null ? null : foreign.rejection();
  }

  /**
   * Looks every reading's sensor up (one hash lookup per reading once the city's sensors are
   * cached), registering first-seen sensors in the caller's transaction. The registered ids
   * are not cached here: they become valid only when that transaction commits.
   */
  Resolved resolve(Connection c, List<TelemetryWrite> writes) throws SQLException {
    int[][] ids = new int[writes.size()][];
    Map<Integer, Rejection> refusals = new HashMap<>();
    Map<Integer, Map<Key, NewSensor>> newByWrite = new LinkedHashMap<>();
    for (int w = 0; w < writes.size(); w++) {
      Rejection foreign = fromCache(writes.get(w), ids, w, newByWrite);
      if (foreign != null) {
        refusals.put(w, foreign);
        newByWrite.remove(w);
      }
    }
    if (newByWrite.isEmpty()) {
      return new Resolved(ids, refusals, Map.of());
    }
    refusals.putAll(quota.check(c, writes, newByWrite));
    Map<Key, NewSensor> registrable = new LinkedHashMap<>();
    newByWrite.forEach((w, sensors) -> {
      if (!refusals.containsKey(w)) {
        sensors.forEach(registrable::putIfAbsent);
      }
    });
    registrable.keySet().removeIf(key -> policy.requiresRegistration().test(key.cityId()));
    register(c, registrable);
    List<Key> wanted = new ArrayList<>();
    newByWrite.forEach((w, sensors) -> wanted.addAll(sensors.keySet()));
    Map<Key, Known> registered = lookup(c, wanted);
    for (int w : newByWrite.keySet()) {
      if (!refusals.containsKey(w)) {
        Rejection refused = fromRegistered(writes.get(w), ids[w], registered);
        if (refused != null) {
          refusals.put(w, refused);
        }
      }
    }
    return new Resolved(ids, refusals, registered);
  }

  /** Called after commit. */
  void remember(Map<Key, Known> registered) {
    registered.forEach((key, sensor) ->
        cache.computeIfAbsent(key.cityId(), k -> new ConcurrentHashMap<>()).put(key.externalId(), sensor));
  }

  /** Fills the write's ids from the cache (-1 where not cached, noted as new); the reason if a sensor is foreign. */
  private Rejection fromCache(TelemetryWrite write, int[][] ids, int w, Map<Integer, Map<Key, NewSensor>> newByWrite) {
    var batch = write.batch();
    int cityId = write.kecamatan().cityId();
    Map<String, Known> known = cache.computeIfAbsent(cityId, k -> new ConcurrentHashMap<>());
    ForeignSensors foreign = new ForeignSensors(write, policy.kecamatanSlug());
    ids[w] = new int[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      Known sensor = known.get(batch.sensor(i));
      if (sensor == null) {
        newByWrite.computeIfAbsent(w, k -> new LinkedHashMap<>())
            .putIfAbsent(new Key(cityId, batch.sensor(i)), new NewSensor(write.kecamatan().id(), batch.id().gateway()));
        ids[w][i] = -1;
      } else if (sensor.kecamatanId() != write.kecamatan().id()) {
        foreign.add(i, sensor);
      } else {
        ids[w][i] = sensor.id();
      }
    }
    return foreign.rejection();
  }

  /** Fills the ids the cache lacked: registered by this transaction, or a moment ago by another writer. */
  private Rejection fromRegistered(TelemetryWrite write, int[] ids, Map<Key, Known> registered) {
    ForeignSensors foreign = new ForeignSensors(write, policy.kecamatanSlug());
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == -1) {
        Known sensor = registered.get(new Key(write.kecamatan().cityId(), write.batch().sensor(i)));
        if (sensor == null) {
          foreign.addUnregistered(i);
        } else if (sensor.kecamatanId() != write.kecamatan().id()) {
          foreign.add(i, sensor);
        } else {
          ids[i] = sensor.id();
        }
      }
    }
    return foreign.rejection();
  }

  private static void register(Connection c, Map<Key, NewSensor> sensors) throws SQLException {
    int n = sensors.size();
    if (n == 0) {
      return;
    }
    Integer[] cities = new Integer[n];
    String[] external = new String[n];
    Integer[] kecamatan = new Integer[n];
    String[] gateways = new String[n];
    int i = 0;
    for (var e : sensors.entrySet()) {
      cities[i] = e.getKey().cityId();
      external[i] = e.getKey().externalId();
      kecamatan[i] = e.getValue().kecamatanId();
      gateways[i] = e.getValue().gateway();
      i++;
    }
    try (PreparedStatement ps = c.prepareStatement(REGISTER)) {
      ps.setArray(1, c.createArrayOf("int4", cities));
      ps.setArray(2, c.createArrayOf("text", external));
      ps.setArray(3, c.createArrayOf("int4", kecamatan));
      ps.setArray(4, c.createArrayOf("text", gateways));
      ps.executeUpdate();
    }
  }

  private static Map<Key, Known> lookup(Connection c, List<Key> keys) throws SQLException {
    Map<Key, Known> ids = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(LOOKUP)) {
      ps.setArray(1, c.createArrayOf("int4", keys.stream().map(Key::cityId).toArray()));
      ps.setArray(2, c.createArrayOf("text", keys.stream().map(Key::externalId).toArray()));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(new Key(rs.getInt(1), rs.getString(2)), new Known(rs.getInt(3), rs.getInt(4)));
        }
      }
    }
    return ids;
  }
}
