package id.pantau.dashboard.view;

import id.pantau.dashboard.kpi.IngestStatus;
import id.pantau.dashboard.readmodel.GatewayStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The {@code ingest} view's JSON, and a gateway's presence as every view shows it. */
final class IngestJson {
  private IngestJson() {
  }

  static JsonObject of(String city, IngestStatus ingest) {
    JsonObject rejected = new JsonObject();
    ingest.rejectedLastHour().forEach(r -> rejected.put(r.reason(), r.count()));
    JsonArray gateways = new JsonArray();
    ingest.gateways().forEach(g -> gateways.add(gateway(g, true)));
    return new JsonObject().put("city", city)
        .put("gatewaysOnline", ingest.online()).put("gatewaysOffline", ingest.offline())
        .put("readingsPerSecondLastMinute", ingest.readingsPerSecondLastMinute())
        .put("rejectedLastHour", rejected).put("gateways", gateways);
  }

  /** @param withKecamatan false inside a kecamatan's own entry */
  static JsonObject gateway(GatewayStatus g, boolean withKecamatan) {
    JsonObject out = new JsonObject().put("id", g.id());
    if (withKecamatan) {
      out.put("kecamatan", g.kecamatan());
    }
    return out.put("online", g.online()).put("lastSeen", g.lastSeen() == null ? null : g.lastSeen().toString())
        .put("lagMs", g.lagMs()).put("offlineReason", g.offlineReason());
  }
}
