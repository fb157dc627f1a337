package id.pantau.store;

import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Collects the readings of one write whose sensors the gateway may not report, and words the
 * refusal: the first one in the form protocol v1 documents, then every foreign sensor with the
 * kecamatan it belongs to, so the gateway can drop exactly those and send the rest again.
 */
final class ForeignSensors {
  private static final int LISTED = 20;

  private final TelemetryWrite write;
  private final IntFunction<String> kecamatanSlug;
  private final Map<String, String> owners = new LinkedHashMap<>(); // sensor -> its kecamatan, or null if unregistered
  private int first = -1;

  ForeignSensors(TelemetryWrite write, IntFunction<String> kecamatanSlug) {
    this.write = write;
    this.kecamatanSlug = kecamatanSlug;
  }

  void add(int reading, SensorIds.Known sensor) {
    note(reading, kecamatanSlug.apply(sensor.kecamatanId()));
  }

  /** A sensor nobody registered, in a city with a sensor allow-list. */
  void addUnregistered(int reading) {
    note(reading, null);
  }

  private void note(int reading, String owner) {
    if (first < 0) {
      first = reading;
    }
    owners.putIfAbsent(write.batch().sensor(reading), owner);
  }

  /** Null when every sensor may be reported. */
  Rejection rejection() {
    if (first < 0) {
      return null;
    }
    String sensor = write.batch().sensor(first);
    String owner = owners.get(sensor);
    String head = owner != null
        ? "readings[" + first + "].sensor '" + sensor + "' belongs to another kecamatan, not to " + write.kecamatan().slug()
        : "readings[" + first + "].sensor '" + sensor + "' is not registered: " + write.kecamatan().citySlug()
            + " accepts only sensors registered to a kecamatan in advance (sensor allow-list)";
    return new Rejection(RejectReason.NOT_AUTHORIZED, head + "; sensors this gateway may not report: " + list()
        + ". A gateway reports only its own kecamatan's sensors: drop these readings and send the rest again");
  }

  private String list() {
    StringBuilder s = new StringBuilder();
    int n = 0;
    for (var e : owners.entrySet()) {
      if (n == LISTED) {
        return s.append(" and ").append(owners.size() - LISTED).append(" more").toString();
      }
      s.append(n++ == 0 ? "" : ", ").append('\'').append(e.getKey()).append("' (")
          .append(e.getValue() != null ? "kecamatan " + e.getValue() : "not registered").append(')');
    }
    return s.toString();
  }
}
