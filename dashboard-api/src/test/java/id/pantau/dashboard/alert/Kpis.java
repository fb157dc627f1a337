package id.pantau.dashboard.alert;

import id.pantau.city.City;
import id.pantau.dashboard.TestCities;
import id.pantau.dashboard.kpi.AirQuality;
import id.pantau.dashboard.kpi.CityKpis;
import id.pantau.dashboard.kpi.ComplaintStatus;
import id.pantau.dashboard.kpi.FloodStatus;
import id.pantau.dashboard.kpi.IngestStatus;
import id.pantau.dashboard.readmodel.GatewayStatus;
import id.pantau.dashboard.readmodel.SensorValue;
import java.time.Instant;
import java.util.List;

/** Typed KPIs with one part set, and the input the rules judge. */
final class Kpis {
  static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

  private Kpis() {
  }

  static CityKpis sensors(SensorValue... values) {
    return new CityKpis("bandung", null, null, null, null, null, List.of(values));
  }

  static CityKpis flood(FloodStatus flood) {
    return new CityKpis("bandung", null, null, null, flood, null, null);
  }

  static CityKpis air(AirQuality air) {
    return new CityKpis("bandung", null, null, air, null, null, null);
  }

  static CityKpis complaints(ComplaintStatus complaints) {
    return new CityKpis("bandung", null, complaints, null, null, null, null);
  }

  static CityKpis gateways(GatewayStatus... gateways) {
    return new CityKpis("bandung", null, null, null, null, new IngestStatus(List.of(gateways), 0, List.of()), null);
  }

  static CityKpis quality(id.pantau.dashboard.quality.SensorStatus... sensors) {
    return new CityKpis("bandung", null, null, null, null, null, null,
        new id.pantau.dashboard.quality.QualityReport(NOW, List.of(sensors), List.of(), null));
  }

  static AlertInput input(CityKpis kpis) {
    City city = TestCities.city("bandung");
    return new AlertInput(city, kpis, city.alerts().thresholds(), NOW);
  }

  static AlertCondition only(List<AlertCondition> conditions) {
    if (conditions.size() != 1) {
      throw new AssertionError("expected one condition, got " + conditions);
    }
    return conditions.get(0);
  }
}
