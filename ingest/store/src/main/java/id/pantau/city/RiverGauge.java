package id.pantau.city;

/**
 * A river water-level gauge (a sensor reporting {@code water_level_cm}) and its alert levels
 * in cm: siaga 3 (waspada) below siaga 2 (siaga) below siaga 1 (awas).
 */
public record RiverGauge(String sensor, String river, String kecamatan, double siaga3Cm, double siaga2Cm, double siaga1Cm) {
  public RiverGauge {
    if (sensor == null || sensor.isBlank() || river == null || kecamatan == null) {
      throw new IllegalArgumentException("a river gauge needs sensor, river and kecamatan");
    }
    if (!(siaga3Cm < siaga2Cm && siaga2Cm < siaga1Cm)) {
      throw new IllegalArgumentException("gauge " + sensor + ": thresholds must rise: siaga3 < siaga2 < siaga1, are "
          + siaga3Cm + ", " + siaga2Cm + ", " + siaga1Cm);
    }
  }
}
