package id.pantau.store;

import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sensor ids by (city, external id), cached: a sensor is looked up in the database once, the
 * first time a writer meets it. A sensor seen for the first time is registered to the
 * kecamatan of the gateway that reported it, in the writer's transaction; from then on only
 * gateways of that kecamatan may report it (a gateway cannot write for devices it does not own).
 * A city with a sensor allow-list registers its sensors in advance; there a sensor nobody
 * registered is refused instead.
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

  private record NewSensor(int kecamatanId, String gateway) {
  }

  /** A registered sensor: its id and the kecamatan it belongs to. */
  record Known(int id, int kecamatanId) {
  }

  /** The sensor id of every reading of every write, and the sensors registered on the way. */
  record Resolved(int[][] ids, Map<Key, Known> registered) {
  }

  // city id -> external id -> sensor; the inner map is fetched once per batch, not per reading
  private final Map<Integer, Map<String, Known>> cache = new ConcurrentHashMap<>();
  private final IntPredicate requiresRegistration;

  /** @param requiresRegistration whether a city (by id) takes only sensors registered before they report */
  SensorIds(IntPredicate requiresRegistration) {
    this.requiresRegistration = requiresRegistration;
  }

  /**
   * Looks every reading's sensor up (one hash lookup per reading once the city's sensors are
   * cached), registering first-seen sensors in the caller's transaction. The registered ids
   * are not cached here: they become valid only when that transaction commits.
   */
  Resolved resolve(Connection c, List<TelemetryWrite> writes) throws SQLException {
    int[][] ids = new int[writes.size()][];
    Map<Key, NewSensor> missing = new HashMap<>();
    for (int w = 0; w < writes.size(); w++) {
      TelemetryWrite write = writes.get(w);
      var batch = write.batch();
      int cityId = write.kecamatan().cityId();
      Map<String, Known> known = cache.computeIfAbsent(cityId, k -> new ConcurrentHashMap<>());
      ids[w] = new int[batch.size()];
      for (int i = 0; i < batch.size(); i++) {
        Known sensor = known.get(batch.sensor(i));
        if (sensor == null) {
          missing.putIfAbsent(new Key(cityId, batch.sensor(i)), new NewSensor(write.kecamatan().id(), batch.id().gateway()));
          ids[w][i] = -1;
        } else {
          ids[w][i] = owned(write, i, sensor);
        }
      }
    }
    if (missing.isEmpty()) {
      return new Resolved(ids, Map.of());
    }
    Map<Key, NewSensor> registrable = new HashMap<>(missing);
    registrable.keySet().removeIf(key -> requiresRegistration.test(key.cityId()));
    register(c, registrable);
    Map<Key, Known> registered = lookup(c, missing.keySet());
    for (int w = 0; w < writes.size(); w++) {
      TelemetryWrite write = writes.get(w);
      for (int i = 0; i < ids[w].length; i++) {
        if (ids[w][i] == -1) {
          // registered by this transaction, or a moment ago by another writer for another kecamatan
          ids[w][i] = owned(write, i, registered.get(new Key(write.kecamatan().cityId(), write.batch().sensor(i))));
        }
      }
    }
    return new Resolved(ids, registered);
  }

  /** Called after commit. */
  void remember(Map<Key, Known> registered) {
    registered.forEach((key, sensor) ->
        cache.computeIfAbsent(key.cityId(), k -> new ConcurrentHashMap<>()).put(key.externalId(), sensor));
  }

  /** The sensor's id if it belongs to the writing gateway's kecamatan; refuses the write otherwise. */
  private static int owned(TelemetryWrite write, int reading, Known sensor) throws WriteRefusedException {
    if (sensor == null) {
      throw new WriteRefusedException(new Rejection(RejectReason.NOT_AUTHORIZED, "readings[" + reading + "].sensor '"
          + write.batch().sensor(reading) + "' is not registered: " + write.kecamatan().citySlug()
          + " accepts only sensors registered to a kecamatan in advance (sensor allow-list)"));
    }
    if (sensor.kecamatanId() != write.kecamatan().id()) {
      throw new WriteRefusedException(new Rejection(RejectReason.NOT_AUTHORIZED, "readings[" + reading + "].sensor '"
          + write.batch().sensor(reading) + "' belongs to another kecamatan, not to " + write.kecamatan().slug()
          + ": a gateway reports only its own kecamatan's sensors"));
    }
    return sensor.id();
  }

  private static void register(Connection c, Map<Key, NewSensor> missing) throws SQLException {
    int n = missing.size();
    if (n == 0) {
      return;
    }
    Integer[] cities = new Integer[n];
    String[] external = new String[n];
    Integer[] kecamatan = new Integer[n];
    String[] gateways = new String[n];
    int i = 0;
    for (var e : missing.entrySet()) {
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

  private static Map<Key, Known> lookup(Connection c, Iterable<Key> keys) throws SQLException {
    List<Integer> cities = new ArrayList<>();
    List<String> external = new ArrayList<>();
    for (Key k : keys) {
      cities.add(k.cityId());
      external.add(k.externalId());
    }
    Map<Key, Known> ids = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(LOOKUP)) {
      Array cityArray = c.createArrayOf("int4", cities.toArray());
      ps.setArray(1, cityArray);
      ps.setArray(2, c.createArrayOf("text", external.toArray()));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(new Key(rs.getInt(1), rs.getString(2)), new Known(rs.getInt(3), rs.getInt(4)));
        }
      }
    }
    return ids;
  }
}
