package id.pantau.dashboard.kpi;

import id.pantau.dashboard.quality.QualityReport;
import id.pantau.dashboard.readmodel.SensorValue;
import java.util.List;

/**
 * The typed snapshot of one city: what the screens show and the alert engine judges. Each part
 * is the last one computed successfully (null until the first), so a part that failed this tick
 * keeps its previous figures, as its JSON snapshot does.
 *
 * @param sensors the latest value of every sensor and metric (what threshold rules read), without
 *     the sensors that are suspect or in maintenance
 * @param quality its sensors' health and its data's completeness
 */
public record CityKpis(String city, KecamatanSnapshot kecamatan, ComplaintStatus complaints, AirQuality air,
                       FloodStatus flood, IngestStatus ingest, List<SensorValue> sensors, QualityReport quality) {

  public CityKpis(String city, KecamatanSnapshot kecamatan, ComplaintStatus complaints, AirQuality air,
                  FloodStatus flood, IngestStatus ingest, List<SensorValue> sensors) {
    this(city, kecamatan, complaints, air, flood, ingest, sensors, null);
  }

  /** A city before its first tick. */
  public static CityKpis none(String city) {
    return new CityKpis(city, null, null, null, null, null, null, null);
  }
}
