package id.pantau.dashboard.rapor;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What a rapor is computed from: complaint timelines, alert history and instructions, as stored.
 * Never raw readings.
 *
 * @param batchesKeptSince the stored batches (gateway presence) go back to here, older ones were
 *     deleted by the retention; null when none were
 */
public record RaporInput(List<Complaint> complaints, List<Alert> alerts, List<Instruction> instructions,
                         List<DailyMean> air, List<HourlyMax> waterLevels, List<Gateway> gateways,
                         List<GatewayDay> presence, List<Sensor> sensors, List<DailyCount> received,
                         Instant batchesKeptSince) {
  public RaporInput {
    complaints = List.copyOf(complaints);
    alerts = List.copyOf(alerts);
    instructions = List.copyOf(instructions);
    air = List.copyOf(air);
    waterLevels = List.copyOf(waterLevels);
    gateways = List.copyOf(gateways);
    presence = List.copyOf(presence);
    sensors = List.copyOf(sensors);
    received = List.copyOf(received);
  }

  /** Without gateways and sensors. */
  public RaporInput(List<Complaint> complaints, List<Alert> alerts, List<Instruction> instructions,
                    List<DailyMean> air, List<HourlyMax> waterLevels) {
    this(complaints, alerts, instructions, air, waterLevels, List.of(), List.of(), List.of(), List.of(), null);
  }

  /** Without readings' rollups: complaints, alerts and instructions only. */
  public RaporInput(List<Complaint> complaints, List<Alert> alerts, List<Instruction> instructions) {
    this(complaints, alerts, instructions, List.of(), List.of());
  }

  /** A kecamatan's mean of {@code pm25} or {@code pm10} over one local day, from the minute rollups. */
  public record DailyMean(String kecamatan, java.time.LocalDate day, String metric, double mean) {
  }

  /** The highest water level any gauge of a kecamatan read in one clock hour, from the minute rollups. */
  public record HourlyMax(String kecamatan, Instant hour, double maxCm) {
  }

  /** A gateway of the city: it is expected to deliver from its creation on. */
  public record Gateway(String id, String kecamatan, Instant createdAt) {
  }

  /**
   * How many of the {@value RaporInput#SLOT_MINUTES}-minute slots of one local day a gateway stored at least
   * one batch in (slots aligned on the epoch, so on the hour).
   */
  public record GatewayDay(String gateway, java.time.LocalDate day, int slots) {
  }

  /** The slot of gateway presence: a gateway is up in a slot in which it stored a batch. */
  public static final int SLOT_MINUTES = 5;

  /** A sensor, the metrics it has reported, and when it was first seen (null: unknown, counts from any time). */
  public record Sensor(String id, String kecamatan, Instant firstSeen, List<String> metrics) {
    public Sensor {
      metrics = List.copyOf(metrics);
    }
  }

  /** Readings of one metric a kecamatan's sensors had stored for one local day, from the hourly rollups. */
  public record DailyCount(String kecamatan, java.time.LocalDate day, String metric, long count) {
  }

  /** One lifecycle event of a complaint ({@code created}, {@code dispatched}, ... {@code reopened}). */
  public record Event(String event, Instant ts) {
  }

  /**
   * A complaint and every event its own kecamatan sent, in any order (as they arrived).
   *
   * @param kecamatan the slug of the kecamatan that created it
   */
  public record Complaint(String id, String kecamatan, String category, List<Event> events) {
    /** Lifecycle order, to break ties between events with the same ts, as the store does: reopened wins. */
    private static final List<String> ORDER = List.of("created", "dispatched", "in_progress", "resolved", "closed",
        "rejected", "reopened");
    static final Comparator<Event> BY_TIME = Comparator.comparing(Event::ts)
        .thenComparingInt(e -> ORDER.indexOf(e.event()));

    public Complaint {
      events = events.stream().sorted(BY_TIME).toList();
    }
  }

  /** @param kecamatan slug, or null for an alert about the city as a whole */
  public record Alert(long id, String kecamatan, String rule, Instant openedAt, Instant acknowledgedAt,
                      Instant clearedAt) {
  }

  /** @param deliveredAt the first PUBACK from one of the kecamatan's gateways, or null */
  public record Instruction(long id, String kecamatan, Instant sentAt, Instant deliveredAt) {
  }
}
