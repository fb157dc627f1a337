package id.pantau.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import id.pantau.dashboard.ApiException;
import id.pantau.dashboard.kpi.ComplaintStatus;
import id.pantau.dashboard.readmodel.ComplaintRow;
import id.pantau.dashboard.readmodel.ComplaintRows;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A city's views narrowed to one kecamatan hold its entries only, with counts of its own. */
class KecamatanViewsTest {
  private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void alertsKeepTheKecamatansOwnWithCountsRecomputedAndNoCityWideAlert() {
    JsonObject city = new JsonObject("""
        {"activeCount":3,"activeBySeverity":{"watch":1,"warning":1,"danger":1},"active":[
          {"id":1,"kecamatan":"coblong","severity":"danger"},{"id":2,"kecamatan":"sukajadi","severity":"warning"},
          {"id":3,"kecamatan":null,"severity":"watch"}],
         "clearedLast24h":[{"id":4,"kecamatan":"sukajadi","severity":"watch"}],"city":"bandung"}""");

    JsonObject coblong = KecamatanViews.narrow("alerts", city, "coblong", null);

    assertEquals(new JsonObject("""
        {"activeCount":1,"activeBySeverity":{"watch":0,"warning":0,"danger":1},
         "active":[{"id":1,"kecamatan":"coblong","severity":"danger"}],"clearedLast24h":[],"city":"bandung",
         "kecamatanScope":"coblong"}"""), coblong);
  }

  @Test
  void complaintsCountEveryBreachOfTheKecamatanNotOnlyTheListedHundredAndLeaveOutCityWideFigures() {
    List<ComplaintRow> breaches = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      breaches.add(new ComplaintRow("S-" + i, "sukajadi", "banjir", T.minusSeconds(1000 + i), null, "created"));
    }
    for (int i = 0; i < 3; i++) {
      breaches.add(new ComplaintRow("C-" + i, "coblong", "sampah", T.minusSeconds(900 - i), null, "created"));
    }
    ComplaintStatus status = new ComplaintStatus(160, Map.of("coblong", Map.of("sampah", 4L), "sukajadi",
        Map.of("banjir", 156L)), 7, new ComplaintRows.TimeToResolve(2, 60.0, 90.0), breaches, List.of());
    JsonObject city = ComplaintsJson.of("bandung", status);
    assertEquals(100, city.getJsonObject("breaches").getJsonArray("list").size(), "the city lists the first 100");

    JsonObject coblong = KecamatanViews.narrow("complaints", city, "coblong", status);

    assertEquals(4L, coblong.getLong("open"));
    assertEquals(new JsonObject().put("coblong", new JsonObject().put("sampah", 4)), coblong.getJsonObject("openByKecamatan"));
    assertEquals(3, coblong.getJsonObject("breaches").getInteger("count"));
    assertEquals(3, coblong.getJsonObject("breaches").getJsonArray("list").size());
    assertFalse(coblong.containsKey("newLastHour"), "counted for the city only");
    assertFalse(coblong.containsKey("timeToResolve24h"), "counted for the city only");
    assertFalse(coblong.encode().contains("sukajadi"), coblong.encode());
  }

  @Test
  void tilesGaugesAirAndGatewaysOfOtherKecamatanAreLeftOut() {
    JsonObject kec = new JsonObject("""
        {"city":"bandung","cityWide":{"pm25":{"latest":{"kecamatan":"sukajadi"}}},
         "kecamatan":[{"slug":"coblong","metrics":{}},{"slug":"sukajadi","metrics":{}}]}""");
    assertEquals(new JsonObject("""
        {"city":"bandung","kecamatan":[{"slug":"coblong","metrics":{}}],"kecamatanScope":"coblong"}"""),
        KecamatanViews.narrow("kecamatan", kec, "coblong", null));

    JsonObject ingest = new JsonObject("""
        {"city":"bandung","gatewaysOnline":2,"gatewaysOffline":1,"readingsPerSecondLastMinute":9.5,
         "rejectedLastHour":{"malformed":3},"gateways":[{"id":"a","kecamatan":"coblong","online":true},
         {"id":"b","kecamatan":"coblong","online":false},{"id":"c","kecamatan":"sukajadi","online":true}]}""");
    assertEquals(new JsonObject("""
        {"city":"bandung","gatewaysOnline":1,"gatewaysOffline":1,"gateways":[{"id":"a","kecamatan":"coblong",
         "online":true},{"id":"b","kecamatan":"coblong","online":false}],"kecamatanScope":"coblong"}"""),
        KecamatanViews.narrow("ingest", ingest, "coblong", null));

    JsonObject flood = new JsonObject("""
        {"city":"bandung","gauges":[{"sensor":"w1","kecamatan":"coblong"},{"sensor":"w2","kecamatan":"sukajadi"}]}""");
    assertEquals(1, KecamatanViews.narrow("flood", flood, "coblong", null).getJsonArray("gauges").size());

    JsonObject air = new JsonObject("""
        {"city":"bandung","kecamatan":{"coblong":{"ispu":40},"sukajadi":{"ispu":120}}}""");
    assertEquals(new JsonObject("""
        {"city":"bandung","kecamatan":{"coblong":{"ispu":40}},"kecamatanScope":"coblong"}"""),
        KecamatanViews.narrow("air", air, "coblong", null));
  }

  @Test
  void aViewWithoutAKecamatanPartIsRefusedRatherThanHandedOverWhole() {
    assertThrows(ApiException.Forbidden.class, () -> KecamatanViews.narrow("rapor", new JsonObject(), "coblong", null));
  }
}
