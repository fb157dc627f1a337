package id.pantau.city;

import id.pantau.wire.PlausibleRange;

/**
 * A river water-level gauge (a sensor reporting {@code water_level_cm}) and its alert levels
 * in cm: siaga 3 (waspada) below siaga 2 (siaga) below siaga 1 (awas).
 *
 * @param rangeCm the levels this gauge can read (its staff or sensor's span); null: the city's water_level_cm range
 */
public record RiverGauge(String sensor, String river, String kecamatan, double siaga3Cm, double siaga2Cm,
                         double siaga1Cm, PlausibleRange rangeCm) {
  public RiverGauge(String sensor, String river, String kecamatan, double siaga3Cm, double siaga2Cm, double siaga1Cm) {
    this(sensor, river, kecamatan, siaga3Cm, siaga2Cm, siaga1Cm, null);
  }

  public RiverGauge {
    if (sensor == null || sensor.isBlank() || river == null || kecamatan == null) {
      throw new IllegalArgumentException("a river gauge needs sensor, river and kecamatan");
    }
    if (!(siaga3Cm < siaga2Cm && siaga2Cm < siaga1Cm)) {
      throw new IllegalArgumentException("gauge " + sensor + ": thresholds must rise: siaga3 < siaga2 < siaga1, are "
          + siaga3Cm + ", " + siaga2Cm + ", " + siaga1Cm);
    }
    if (rangeCm != null && !(rangeCm.contains(siaga3Cm) && rangeCm.contains(siaga1Cm))) {
      throw new IllegalArgumentException("gauge " + sensor + ": rangeCm [" + rangeCm.min() + ", " + rangeCm.max()
          + "] must include its siaga levels, or their alerts could never open");
    }
  }
}
