package id.pantau.dashboard.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.city.City;
import id.pantau.city.CityDirectory;
import id.pantau.dashboard.TestCities;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ticker's isolation: a view or a city that fails stops no other and keeps its last good snapshot. */
class SnapshotTickerTest {
  static Vertx vertx;
  final Failures failures = new Failures(Clock.systemUTC(), null);
  final City bandung = TestCities.city("bandung");
  final City garut = TestCities.city("garut");
  final BreakableViews views = new BreakableViews();

  /** Three views whose JSON is the tick number; a view named in {@code broken} ("city/view") throws. */
  static final class BreakableViews implements CityViews {
    final Set<String> broken = new HashSet<>();
    int tick;

    @Override
    public List<String> names() {
      return List.of("air", "flood", "ingest");
    }

    @Override
    public CityKpis compute(City city, int cityId, CityKpis before, ViewRun run) {
      for (String name : names()) {
        run.view(name, () -> {
          if (broken.contains(city.slug() + "/" + name)) {
            throw new IllegalStateException(name + " is broken");
          }
          return tick;
        }, n -> new JsonObject().put("tick", n), null);
      }
      return before;
    }
  }

  @BeforeAll
  static void open() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  SnapshotTicker ticker(CityDirectory cities) {
    return new SnapshotTicker(vertx, cities, views, Duration.ofSeconds(1), failures);
  }

  String body(SnapshotTicker ticker, String city, String view) {
    return ticker.get(city, view).map(s -> s.body().toString()).orElse("none");
  }

  @Test
  void aViewThatThrowsStopsNeitherTheCitysOtherViewsNorOtherCities() {
    SnapshotTicker ticker = ticker(TestCities.directory(bandung, garut));
    views.broken.add("bandung/flood");

    ticker.computeCity(bandung);
    ticker.computeCity(garut);

    assertEquals("{\"tick\":0}", body(ticker, "bandung", "air"));
    assertEquals("none", body(ticker, "bandung", "flood"));
    assertEquals("{\"tick\":0}", body(ticker, "bandung", "ingest"));
    assertEquals("{\"tick\":0}", body(ticker, "garut", "flood"));
    assertEquals(1, failures.current().size());
    assertEquals("bandung view:flood IllegalStateException: flood is broken", failures.current().stream()
        .map(f -> f.city() + " " + f.part() + " " + f.error()).findFirst().orElseThrow());
  }

  @Test
  void aFailingViewKeepsServingItsLastGoodSnapshotUntilItRecovers() {
    SnapshotTicker ticker = ticker(TestCities.directory(bandung));
    ticker.computeCity(bandung);

    views.tick = 1;
    views.broken.add("bandung/flood");
    ticker.computeCity(bandung);
    assertEquals("{\"tick\":0}", body(ticker, "bandung", "flood"));
    assertEquals("{\"tick\":1}", body(ticker, "bandung", "air"));

    views.broken.clear();
    views.tick = 2;
    ticker.computeCity(bandung);
    assertEquals("{\"tick\":2}", body(ticker, "bandung", "flood"));
    assertTrue(failures.current().isEmpty());
  }

  @Test
  void aCityThatFailsDoesNotStopTheOthers() {
    // garut is configured but has no database id: its tick fails as a whole
    CityDirectory onlyBandungStored = new CityDirectory(List.of(garut, bandung), TestCities.refs("bandung", 1));
    SnapshotTicker ticker = ticker(onlyBandungStored);

    ticker.computeCity(garut);
    ticker.computeCity(bandung);

    assertEquals("{\"tick\":0}", body(ticker, "bandung", "air"));
    assertEquals("none", body(ticker, "garut", "air"));
    assertEquals(List.of("garut city"), failures.current().stream().map(f -> f.city() + " " + f.part()).toList());
  }

  @Test
  void aChangedViewRaisesTheCitysVersionAndAnUnchangedTickDoesNot() {
    SnapshotTicker ticker = ticker(TestCities.directory(bandung));
    ticker.computeCity(bandung);
    ticker.computeCity(bandung);
    assertEquals(1, ticker.version("bandung"));

    views.tick = 1;
    ticker.computeCity(bandung);
    assertEquals(2, ticker.version("bandung"));
  }
}
