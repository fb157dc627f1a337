package id.pantau.dashboard.kpi;

import id.pantau.city.City;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Complaint indicators of a city: open by kecamatan and category, new in the last hour,
 * median and p90 time to resolve over 24 hours, the breaches of the resolution targets
 * (open past their deadline, or resolved late within the last 24 hours), and the complaints
 * still unverified (in {@code created}) past the verification target.
 */
public final class ComplaintsView implements SnapshotView {
  private static final int MAX_LISTED = 100;

  private final ComplaintKpis kpis;

  public ComplaintsView(DataSource ds) {
    this.kpis = new ComplaintKpis(ds);
  }

  @Override
  public String name() {
    return "complaints";
  }

  @Override
  public JsonObject compute(City city, int cityId) throws Exception {
    ComplaintKpis.Result result = kpis.load(cityId);
    ResolutionDeadlines deadlines = new ResolutionDeadlines(city);
    // minute precision keeps the snapshot (and its ETag) stable between ticks
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    List<ComplaintKpis.Candidate> breaches = result.candidates().stream()
        .filter(c -> deadlines.breached(c.createdAt(), c.resolvedAt(), c.category(), now)).toList();
    List<ComplaintKpis.Candidate> unverified = result.candidates().stream()
        .filter(c -> c.state().equals("created") && now.isAfter(deadlines.verificationDeadline(c.createdAt()))).toList();
    return result.counts().put("city", city.slug())
        .put("breaches", new JsonObject().put("count", breaches.size())
            .put("list", ComplaintKpis.toJson(breaches.subList(0, Math.min(MAX_LISTED, breaches.size())))))
        .put("verificationBreaches", new JsonObject().put("count", unverified.size())
            .put("list", ComplaintKpis.toJson(unverified.subList(0, Math.min(MAX_LISTED, unverified.size())))));
  }
}
