package id.pantau.dashboard.view;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.city.RiverGauge;
import id.pantau.dashboard.alert.AlertBoard;
import id.pantau.dashboard.alert.AlertJson;
import id.pantau.dashboard.alert.Alerts;
import id.pantau.dashboard.kpi.AirQuality;
import id.pantau.dashboard.kpi.ComplaintStatus;
import id.pantau.dashboard.kpi.FloodStatus;
import id.pantau.dashboard.kpi.IngestStatus;
import id.pantau.dashboard.kpi.KecamatanSnapshot;
import id.pantau.dashboard.kpi.ResolutionDeadlines;
import id.pantau.dashboard.kpi.TileStatus;
import id.pantau.dashboard.readmodel.GatewayStatus;
import id.pantau.dashboard.readmodel.HistoryStore;
import id.pantau.dashboard.readmodel.MinuteRollup;
import id.pantau.dashboard.readmodel.SensorValue;
import id.pantau.wire.Metric;
import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The screens' views of a city as they stood at an instant in the past (the replayed wall):
 * the same pure calculators and the same JSON as {@link DashboardViews}, fed from history
 * ({@link HistoryStore}, the alerts' opened, acknowledged and cleared times) instead of the live
 * read model. A sensor's "latest value" is its kecamatan's last whole rollup minute before the
 * instant within a day (as the live view's last minute), so the per-sensor figures of the live view become
 * per-kecamatan means (the sensor is not named), and a river gauge shows the highest level of
 * its kecamatan's minute. Computed on request, all views at once. Blocking.
 */
public final class ReplayViews {
  /** How far back a last minute still counts as the latest value: the live view's window. */
  static final Duration LATEST_WINDOW = Duration.ofDays(1);
  /** A gateway that stored a batch this recently counted as online (no connection history is kept). */
  static final Duration MIN_PRESENCE = Duration.ofMinutes(5);

  /** Every view at one instant, and the complaint figures they came from (for a kecamatan's narrowing). */
  public record Replay(Instant at, Map<String, JsonObject> views, ComplaintStatus complaints) {
  }

  private final CityDirectory cities;
  private final HistoryStore history;
  private final Alerts alerts;
  private volatile Map<String, String> units;

  public ReplayViews(DataSource ds, CityDirectory cities) {
    this.cities = cities;
    this.history = new HistoryStore(ds);
    this.alerts = new Alerts(ds);
  }

  /** The views that can be replayed: those with a history to replay them from. */
  public static final java.util.Set<String> NAMES = java.util.Set.of("kecamatan", "complaints", "air", "flood",
      "ingest", "alerts");

  public Replay compute(City city, int cityId, Instant at) throws SQLException {
    String slug = city.slug();
    List<MinuteRollup> lastMinutes = history.lastMinuteByKecamatan(cityId, at, LATEST_WINDOW);
    List<SensorValue> sensors = asValues(lastMinutes, units());
    Duration presence = Duration.ofMinutes(Math.max(MIN_PRESENCE.toMinutes(), city.alerts().gatewayOfflineMinutes()));
    List<GatewayStatus> gateways = history.gateways(cityId, at, presence);

    ComplaintStatus complaints = ComplaintStatus.of(history.complaints(cityId, at), new ResolutionDeadlines(city),
        at);
    AirQuality air = AirQuality.of(history.pollutantMeans24h(cityId, at));
    FloodStatus flood = FloodStatus.of(city.gauges(), gaugeLevels(city.gauges(), lastMinutes));
    IngestStatus ingest = new IngestStatus(gateways, history.readingsLastWholeMinute(cityId, at),
        history.rejectedHourBefore(cityId, at));
    AlertBoard board = alerts.at(cityId, at);
    KecamatanSnapshot k = KecamatanSnapshot.of(configured(city), sensors, lastMinutes,
        HistoryStore.cityWide(lastMinutes), gateways);
    k = k.withStatus(TileStatus.of(k, air, flood, complaints, board.active().stream()
        .map(a -> new TileStatus.OpenAlert(a.kecamatan(), a.severity())).toList()));

    Map<String, JsonObject> views = new LinkedHashMap<>();
    views.put("kecamatan", KecamatanJson.of(slug, k));
    views.put("complaints", ComplaintsJson.of(slug, complaints));
    views.put("air", AirJson.of(slug, air));
    views.put("flood", FloodJson.of(slug, flood));
    views.put("ingest", IngestJson.of(slug, ingest));
    views.put("alerts", AlertJson.board(slug, board));
    return new Replay(at, views, complaints);
  }

  /** Each kecamatan's last minute of a metric as its latest value (the minute's mean, at the minute's end). */
  private static List<SensorValue> asValues(List<MinuteRollup> minutes, Map<String, String> units) {
    List<SensorValue> out = new ArrayList<>();
    for (MinuteRollup r : minutes) {
      out.add(new SensorValue(null, r.kecamatan(), r.metric(), units.getOrDefault(r.metric(), ""), r.mean(),
          r.minute().plus(Duration.ofMinutes(1))));
    }
    return out;
  }

  /** A gauge's level: the highest water level of its kecamatan's last minute (siaga is about the peak). */
  private static List<SensorValue> gaugeLevels(List<RiverGauge> gauges, List<MinuteRollup> minutes) {
    List<SensorValue> out = new ArrayList<>();
    for (RiverGauge g : gauges) {
      for (MinuteRollup r : minutes) {
        if (r.metric().equals(Metric.WATER_LEVEL_CM.wireName()) && r.kecamatan().equals(g.kecamatan())) {
          out.add(new SensorValue(g.sensor(), g.kecamatan(), r.metric(), "cm", r.max(),
              r.minute().plus(Duration.ofMinutes(1))));
        }
      }
    }
    return out;
  }

  private Map<String, String> units() throws SQLException {
    Map<String, String> u = units;
    if (u == null) {
      u = history.units();
      units = u;
    }
    return u;
  }

  private List<KecamatanRef> configured(City city) {
    return city.kecamatan().stream().map(k -> cities.kecamatan(city.slug(), k.slug()).orElseThrow(
        () -> new IllegalStateException("kecamatan " + k.slug() + " of " + city.slug() + " has no database id"))).toList();
  }
}
