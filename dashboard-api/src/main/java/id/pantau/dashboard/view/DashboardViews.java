package id.pantau.dashboard.view;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.city.KecamatanRef;
import id.pantau.dashboard.alert.AlertBoard;
import id.pantau.dashboard.alert.AlertJson;
import id.pantau.dashboard.alert.Alerts;
import id.pantau.dashboard.kpi.AirQuality;
import id.pantau.dashboard.kpi.CityKpis;
import id.pantau.dashboard.kpi.CityViews;
import id.pantau.dashboard.kpi.ComplaintStatus;
import id.pantau.dashboard.kpi.FloodStatus;
import id.pantau.dashboard.kpi.IngestStatus;
import id.pantau.dashboard.kpi.KecamatanSnapshot;
import id.pantau.dashboard.kpi.ResolutionDeadlines;
import id.pantau.dashboard.kpi.TileStatus;
import id.pantau.dashboard.kpi.ViewRun;
import id.pantau.dashboard.quality.Completeness;
import id.pantau.dashboard.quality.QualityReport;
import id.pantau.dashboard.quality.SensorHealthConfig;
import id.pantau.dashboard.quality.SensorHealthMonitor;
import id.pantau.dashboard.readmodel.ComplaintStatsStore;
import id.pantau.dashboard.readmodel.GatewayStatus;
import id.pantau.dashboard.readmodel.GatewayStatusStore;
import id.pantau.dashboard.readmodel.LatestValueStore;
import id.pantau.dashboard.readmodel.PollutantMean;
import id.pantau.dashboard.readmodel.RollupStore;
import id.pantau.dashboard.readmodel.SensorValue;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The screens' views of a city, each read from the read model into records, computed by the
 * pure calculators of {@code kpi}, and mapped to JSON here, at the edge. The latest values and
 * the gateways are read once per tick for the views that share them.
 */
public final class DashboardViews implements CityViews {
  private static final List<String> NAMES = List.of("kecamatan", "complaints", "air", "flood", "ingest", "alerts",
      "quality");

  private final CityDirectory cities;
  private final LatestValueStore latest;
  private final RollupStore rollups;
  private final GatewayStatusStore gateways;
  private final ComplaintStatsStore complaints;
  private final Alerts alerts;
  private final SensorHealthMonitor health;

  public DashboardViews(DataSource ds, CityDirectory cities) {
    this(ds, cities, SensorHealthConfig.defaults());
  }

  public DashboardViews(DataSource ds, CityDirectory cities, SensorHealthConfig healthConfig) {
    this.health = new SensorHealthMonitor(ds, healthConfig);
    this.cities = cities;
    this.latest = new LatestValueStore(ds);
    this.rollups = new RollupStore(ds);
    this.gateways = new GatewayStatusStore(ds);
    this.complaints = new ComplaintStatsStore(ds);
    this.alerts = new Alerts(ds);
  }

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public CityKpis compute(City city, int cityId, CityKpis before, ViewRun run) {
    String slug = city.slug();
    Once<List<SensorValue>> sensors = new Once<>(() -> latest.load(cityId));
    Once<List<GatewayStatus>> gatewayList = new Once<>(() -> gateways.gateways(cityId));
    Instant now = Instant.now();
    // first: the quality view takes the refused counts from it
    IngestStatus ingest = run.view("ingest", () -> new IngestStatus(gatewayList.get(),
        rollups.readingsLastCompleteMinute(cityId), gateways.rejectedLastHour(cityId),
        gateways.refusedByHour(cityId, now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(24)))),
        i -> IngestJson.of(slug, i), before.ingest());
    // the latest values first, then the readings health judges: a reading seen in the one is in the other
    QualityReport quality = run.view("quality", () -> {
      sensors.get();
      return health.assess(city, cityId, now, ingest == null ? List.of() : ingest.refusedByHour());
    }, q -> QualityJson.of(slug, q), before.quality());
    // suspect sensors and those in maintenance count for no hazard KPI (nor for a tile's latest values)
    Set<String> untrusted = quality == null ? Set.of() : quality.excludedFromHazards();
    Once<List<SensorValue>> trusted = new Once<>(() -> sensors.get().stream()
        .filter(v -> !untrusted.contains(v.sensor())).toList());
    // minute precision keeps the snapshot (and its ETag) stable between ticks
    ComplaintStatus complaintStatus = run.view("complaints", () -> ComplaintStatus.of(complaints.load(cityId),
        new ResolutionDeadlines(city), Instant.now().truncatedTo(ChronoUnit.MINUTES)),
        c -> ComplaintsJson.of(slug, c), before.complaints());
    AirQuality air = run.view("air", () -> AirQuality.of(PollutantMean.without(rollups.pollutantMeans24h(cityId),
        rollups.pollutantMeans24hOf(cityId, untrusted))), a -> AirJson.of(slug, a), before.air());
    FloodStatus flood = run.view("flood", () -> FloodStatus.of(city.gauges(), sensors.get(), untrusted),
        f -> FloodJson.of(slug, f), before.flood());
    AlertBoard board = run.view("alerts", () -> alerts.current(cityId), b -> AlertJson.board(slug, b), null);
    // last, as it judges each tile from this tick's other views (or the last that succeeded)
    KecamatanSnapshot kecamatan = run.view("kecamatan", () -> {
      KecamatanSnapshot k = KecamatanSnapshot.of(configured(city), trusted.get(), rollups.lastMinuteByKecamatan(cityId),
          rollups.lastMinuteCityWide(cityId), gatewayList.get());
      return k.withStatus(TileStatus.of(k, air, flood, complaintStatus, openAlerts(board), dayCompleteness(quality)));
    }, k -> KecamatanJson.of(slug, k), before.kecamatan());
    return new CityKpis(slug, kecamatan, complaintStatus, air, flood, ingest, trusted.orElse(before.sensors()),
        quality);
  }

  private static Map<String, Completeness> dayCompleteness(QualityReport quality) {
    if (quality == null) {
      return null;
    }
    Map<String, Completeness> out = new java.util.HashMap<>();
    quality.kecamatan().forEach(k -> out.put(k.kecamatan(), k.day()));
    return out;
  }

  /** Maintenance alerts are a technician's errand, not a hazard: they raise no tile. */
  private static List<TileStatus.OpenAlert> openAlerts(AlertBoard board) {
    return board == null ? null : board.active().stream().filter(a -> !a.severity().equals("maintenance"))
        .map(a -> new TileStatus.OpenAlert(a.kecamatan(), a.severity())).toList();
  }

  private List<KecamatanRef> configured(City city) {
    return city.kecamatan().stream().map(k -> cities.kecamatan(city.slug(), k.slug()).orElseThrow(
        () -> new IllegalStateException("kecamatan " + k.slug() + " of " + city.slug() + " has no database id"))).toList();
  }
}
