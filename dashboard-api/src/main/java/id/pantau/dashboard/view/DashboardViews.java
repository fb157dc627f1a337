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
import id.pantau.dashboard.readmodel.ComplaintStatsStore;
import id.pantau.dashboard.readmodel.GatewayStatus;
import id.pantau.dashboard.readmodel.GatewayStatusStore;
import id.pantau.dashboard.readmodel.LatestValueStore;
import id.pantau.dashboard.readmodel.RollupStore;
import id.pantau.dashboard.readmodel.SensorValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;

/**
 * The screens' views of a city, each read from the read model into records, computed by the
 * pure calculators of {@code kpi}, and mapped to JSON here, at the edge. The latest values and
 * the gateways are read once per tick for the views that share them.
 */
public final class DashboardViews implements CityViews {
  private static final List<String> NAMES = List.of("kecamatan", "complaints", "air", "flood", "ingest", "alerts");

  private final CityDirectory cities;
  private final LatestValueStore latest;
  private final RollupStore rollups;
  private final GatewayStatusStore gateways;
  private final ComplaintStatsStore complaints;
  private final Alerts alerts;

  public DashboardViews(DataSource ds, CityDirectory cities) {
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
    // minute precision keeps the snapshot (and its ETag) stable between ticks
    ComplaintStatus complaintStatus = run.view("complaints", () -> ComplaintStatus.of(complaints.load(cityId),
        new ResolutionDeadlines(city), Instant.now().truncatedTo(ChronoUnit.MINUTES)),
        c -> ComplaintsJson.of(slug, c), before.complaints());
    AirQuality air = run.view("air", () -> AirQuality.of(rollups.pollutantMeans24h(cityId)),
        a -> AirJson.of(slug, a), before.air());
    FloodStatus flood = run.view("flood", () -> FloodStatus.of(city.gauges(), sensors.get()),
        f -> FloodJson.of(slug, f), before.flood());
    IngestStatus ingest = run.view("ingest", () -> new IngestStatus(gatewayList.get(),
        rollups.readingsLastCompleteMinute(cityId), gateways.rejectedLastHour(cityId)),
        i -> IngestJson.of(slug, i), before.ingest());
    AlertBoard board = run.view("alerts", () -> alerts.current(cityId), b -> AlertJson.board(slug, b), null);
    // last, as it judges each tile from this tick's other views (or the last that succeeded)
    KecamatanSnapshot kecamatan = run.view("kecamatan", () -> {
      KecamatanSnapshot k = KecamatanSnapshot.of(configured(city), sensors.get(), rollups.lastMinuteByKecamatan(cityId),
          rollups.lastMinuteCityWide(cityId), gatewayList.get());
      return k.withStatus(TileStatus.of(k, air, flood, complaintStatus, openAlerts(board)));
    }, k -> KecamatanJson.of(slug, k), before.kecamatan());
    return new CityKpis(slug, kecamatan, complaintStatus, air, flood, ingest, sensors.orElse(before.sensors()));
  }

  private static List<TileStatus.OpenAlert> openAlerts(AlertBoard board) {
    return board == null ? null
        : board.active().stream().map(a -> new TileStatus.OpenAlert(a.kecamatan(), a.severity())).toList();
  }

  private List<KecamatanRef> configured(City city) {
    return city.kecamatan().stream().map(k -> cities.kecamatan(city.slug(), k.slug()).orElseThrow(
        () -> new IllegalStateException("kecamatan " + k.slug() + " of " + city.slug() + " has no database id"))).toList();
  }
}
