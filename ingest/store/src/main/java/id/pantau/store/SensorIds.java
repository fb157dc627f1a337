package id.pantau.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sensor ids by (city, external id), cached: a sensor is looked up in the database once, the
 * first time a writer meets it. A sensor seen for the first time is registered to the
 * kecamatan of the gateway that reported it, in the writer's transaction.
 */
final class SensorIds {
  private static final String REGISTER = """
      INSERT INTO sensor (city_id, external_id, kecamatan_id, first_gateway)
      SELECT * FROM unnest(?::int[], ?::text[], ?::int[], ?::text[]) ORDER BY 1, 2
      ON CONFLICT (city_id, external_id) DO NOTHING""";
  private static final String LOOKUP = """
      SELECT u.city_id, u.external_id, s.id
      FROM unnest(?::int[], ?::text[]) AS u(city_id, external_id)
      JOIN sensor s USING (city_id, external_id)""";

  record Key(int cityId, String externalId) {
  }

  private record NewSensor(int kecamatanId, String gateway) {
  }

  private final Map<Key, Integer> cache = new ConcurrentHashMap<>();

  /** The cached id, or null when this sensor is not cached yet. */
  Integer cached(int cityId, String externalId) {
    return cache.get(new Key(cityId, externalId));
  }

  /**
   * Registers and looks up the sensors of these writes that are not cached. The ids are
   * returned, not cached: they become valid only when the caller's transaction commits.
   */
  Map<Key, Integer> resolveMissing(Connection c, List<TelemetryWrite> writes) throws SQLException {
    Map<Key, NewSensor> missing = new HashMap<>();
    for (TelemetryWrite w : writes) {
      var b = w.batch();
      for (int i = 0; i < b.size(); i++) {
        Key key = new Key(w.kecamatan().cityId(), b.sensor(i));
        if (!cache.containsKey(key)) {
          missing.putIfAbsent(key, new NewSensor(w.kecamatan().id(), b.id().gateway()));
        }
      }
    }
    if (missing.isEmpty()) {
      return Map.of();
    }
    register(c, missing);
    return lookup(c, missing.keySet());
  }

  /** Called after commit. */
  void remember(Map<Key, Integer> ids) {
    cache.putAll(ids);
  }

  private static void register(Connection c, Map<Key, NewSensor> missing) throws SQLException {
    int n = missing.size();
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

  private static Map<Key, Integer> lookup(Connection c, Iterable<Key> keys) throws SQLException {
    List<Integer> cities = new ArrayList<>();
    List<String> external = new ArrayList<>();
    for (Key k : keys) {
      cities.add(k.cityId());
      external.add(k.externalId());
    }
    Map<Key, Integer> ids = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(LOOKUP)) {
      Array cityArray = c.createArrayOf("int4", cities.toArray());
      ps.setArray(1, cityArray);
      ps.setArray(2, c.createArrayOf("text", external.toArray()));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.put(new Key(rs.getInt(1), rs.getString(2)), rs.getInt(3));
        }
      }
    }
    return ids;
  }
}
