package id.pantau.simulator.report;

import id.pantau.simulator.load.IntervalSample;
import id.pantau.simulator.load.RunResult;
import id.pantau.simulator.model.FaultSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The run's result as JSON, for scripts, CI and comparing runs. */
public final class JsonReport {
  private JsonReport() {
  }

  public static JsonObject render(RunResult r) {
    JsonObject latency = new JsonObject()
        .put("measuredFrom", "intended send time (corrected for coordinated omission)")
        .put("samples", r.latencyNanos().getTotalCount())
        .put("p50Ms", r.percentileMillis(50)).put("p90Ms", r.percentileMillis(90))
        .put("p99Ms", r.percentileMillis(99)).put("p999Ms", r.percentileMillis(99.9))
        .put("maxMs", r.latencyNanos().getTotalCount() == 0 ? 0 : r.latencyNanos().getMaxValue() / 1e6);
    JsonArray timeline = new JsonArray();
    for (IntervalSample s : r.timeline()) {
      timeline.add(new JsonObject().put("t", round(s.secondsSinceStart())).put("sent", s.sentMessages())
          .put("acked", s.ackedMessages()).put("ackedReadings", s.ackedReadings()).put("p50Ms", s.p50Millis())
          .put("p99Ms", s.p99Millis()).put("maxMs", s.maxMillis()).put("errors", s.errors())
          .put("connected", s.connected()));
    }
    JsonObject json = new JsonObject()
        .put("command", r.command()).put("scenario", r.scenario()).put("seed", r.seed())
        .put("target", r.target()).put("mqttVersion", r.mqttVersion())
        .put("connections", r.gateways()).put("sensors", r.sensors())
        .put("offeredMessagesPerSecond", r.targetMessagesPerSecond()).put("readingsPerMessage", r.readingsPerMessage())
        .put("durationSeconds", r.durationSeconds()).put("elapsedSeconds", round(r.elapsedSeconds()))
        .put("scheduledMessages", r.scheduledMessages()).put("sentMessages", r.sentMessages())
        .put("sentReadings", r.sentReadings()).put("ackedMessages", r.ackedMessages())
        .put("ackedReadings", r.ackedReadings()).put("ackedReadingsPerSecond", round(r.ackedReadingsPerSecond()))
        .put("redeliveredMessages", r.redeliveredMessages()).put("rejectedMessages", r.rejectedMessages())
        .put("complaintEventsAcked", r.complaintEventsAcked()).put("lateSends", r.lateSends())
        .put("maxLatenessMs", round(r.maxLatenessMillis())).put("reconnects", r.reconnects())
        .put("downlinkMessages", r.downlinkMessages()).put("unacknowledgedAtEnd", r.unacknowledgedAtEnd())
        .put("rejections", new JsonObject(new java.util.LinkedHashMap<>(r.rejections())))
        .put("connectionErrors", new JsonObject(new java.util.LinkedHashMap<>(r.connectionErrors())))
        .put("latency", latency).put("timeline", timeline);
    RunResult.Verification v = r.verification();
    if (v != null) {
      json.put("verification", new JsonObject().put("passed", v.passed()).put("against", v.against())
          .put("acknowledgedReadings", v.acknowledgedReadings()).put("storedReadings", v.storedReadings())
          .put("missing", v.missing()).put("duplicated", v.duplicated())
          .put("extraSentUnacknowledged", v.extraSentUnacknowledged()).put("extraNeverSent", v.extraUnknown())
          .put("missingExamples", new JsonArray(v.missingExamples()))
          .put("duplicatedExamples", new JsonArray(v.duplicatedExamples()))
          .put("extraExamples", new JsonArray(v.extraExamples())).put("flags", flags(v.flags())));
    }
    JsonArray faults = new JsonArray();
    for (FaultSummary f : r.faults()) {
      faults.add(new JsonObject().put("number", f.number()).put("kind", f.kind()).put("description", f.description())
          .put("happened", f.happened()).put("changed", f.changed()).put("withheld", f.withheld())
          .put("implausible", f.implausible()).put("detail", f.detail()));
    }
    json.put("faults", faults);
    return json;
  }

  private static JsonObject flags(RunResult.FlagVerification f) {
    JsonArray faults = new JsonArray();
    f.faults().forEach(c -> faults.add(new JsonObject().put("number", c.number()).put("acknowledged", c.acknowledged())
        .put("stored", c.stored()).put("flagged", c.flagged())));
    return new JsonObject().put("passed", f.passed()).put("meant", f.meant()).put("flaggedAsMeant", f.flaggedAsMeant())
        .put("flaggedNotMeant", f.flaggedNotMeant()).put("meantNotFlagged", f.meantNotFlagged())
        .put("examples", new JsonArray(f.examples())).put("faults", faults);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
