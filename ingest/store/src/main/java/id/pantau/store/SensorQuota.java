package id.pantau.store;

import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounds how many sensors a gateway may create by reporting them, and how many a kecamatan may
 * hold: each sensor costs a cache entry, rows, a latest value, per-tick work and perhaps an
 * alert, so a gateway inventing sensor ids without end would grow all of them. A write that
 * would pass a quota is refused whole (0x97) with a reason naming the quota and its key; the
 * sensors it would have created are not registered. Counted only when a flush meets new sensors.
 */
final class SensorQuota {
  private static final String PER_GATEWAY =
      "SELECT first_gateway, count(*) FROM sensor WHERE first_gateway = ANY (?) GROUP BY 1";
  private static final String PER_KECAMATAN =
      "SELECT kecamatan_id, count(*) FROM sensor WHERE kecamatan_id = ANY (?) GROUP BY 1";

  private final SensorPolicy policy;

  SensorQuota(SensorPolicy policy) {
    this.policy = policy;
  }

  /** The writes (by position) that would create sensors beyond a quota, with the reason. */
  Map<Integer, Rejection> check(Connection c, List<TelemetryWrite> writes,
                                Map<Integer, Map<SensorIds.Key, SensorIds.NewSensor>> newByWrite) throws SQLException {
    if (policy.maxSensorsPerGateway() == 0 && policy.maxSensorsPerKecamatan() == 0) {
      return Map.of();
    }
    Set<String> gateways = new HashSet<>();
    Set<Integer> kecamatan = new HashSet<>();
    newByWrite.keySet().forEach(w -> {
      gateways.add(writes.get(w).batch().id().gateway());
      kecamatan.add(writes.get(w).kecamatan().id());
    });
    Map<Object, Integer> counts = new HashMap<>();
    count(c, PER_GATEWAY, "text", gateways.toArray(), counts);
    count(c, PER_KECAMATAN, "int4", kecamatan.toArray(), counts);
    Map<Integer, Rejection> refusals = new HashMap<>();
    Set<SensorIds.Key> counted = new HashSet<>();
    newByWrite.forEach((w, sensors) -> {
      TelemetryWrite write = writes.get(w);
      Set<SensorIds.Key> fresh = new HashSet<>(sensors.keySet());
      fresh.removeAll(counted);
      fresh.removeIf(key -> policy.requiresRegistration().test(key.cityId()));
      Rejection over = over(write, fresh.size(), counts);
      if (over != null) {
        refusals.put(w, over);
      } else {
        counted.addAll(fresh);
        counts.merge(write.batch().id().gateway(), fresh.size(), Integer::sum);
        counts.merge(write.kecamatan().id(), fresh.size(), Integer::sum);
      }
    });
    return refusals;
  }

  private Rejection over(TelemetryWrite write, int adding, Map<Object, Integer> counts) {
    String gateway = write.batch().id().gateway();
    int perGateway = policy.maxSensorsPerGateway();
    int gatewayHas = counts.getOrDefault(gateway, 0);
    if (perGateway > 0 && adding > 0 && gatewayHas + adding > perGateway) {
      return new Rejection(RejectReason.QUOTA_EXCEEDED, "sensor quota: gateway " + gateway + " has created "
          + gatewayHas + " sensors and this batch adds " + adding + ", beyond ingest.maxSensorsPerGateway = "
          + perGateway + "; report known sensors only, or ask the operator to register new ones");
    }
    int perKecamatan = policy.maxSensorsPerKecamatan();
    int kecamatanHas = counts.getOrDefault(write.kecamatan().id(), 0);
    if (perKecamatan > 0 && adding > 0 && kecamatanHas + adding > perKecamatan) {
      return new Rejection(RejectReason.QUOTA_EXCEEDED, "sensor quota: kecamatan " + write.kecamatan().slug() + " has "
          + kecamatanHas + " sensors and this batch adds " + adding + ", beyond ingest.maxSensorsPerKecamatan = "
          + perKecamatan + "; report known sensors only, or ask the operator to raise the quota");
    }
    return null;
  }

  private static void count(Connection c, String sql, String type, Object[] keys, Map<Object, Integer> into)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, c.createArrayOf(type, keys));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          into.put(rs.getObject(1), rs.getInt(2));
        }
      }
    }
  }
}
