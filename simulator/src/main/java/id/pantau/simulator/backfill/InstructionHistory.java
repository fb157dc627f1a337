package id.pantau.simulator.backfill;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Instructions the command center sent to kecamatan ({@code downlink_message} of kind
 * {@code instruction}, the payload as {@code POST .../instructions} writes it): an urgent one
 * after each flood alert at siaga 2 or 1, and routine ones on some working days. Each reaches
 * the kecamatan's gateway within seconds, or when it is back from an outage; one not delivered
 * by the stretch's end has no delivery (it is still owed).
 */
public final class InstructionHistory {
  private static final String[] ROUTINE = {
      "Mohon laporan kebersihan pasar hari ini sebelum pukul 15.00",
      "Periksa lampu PJU yang dilaporkan mati di wilayah Anda",
      "Koordinasikan pengangkutan sampah TPS dengan DLH",
      "Pastikan saluran drainase utama bebas sampah menjelang musim hujan",
      "Kirim foto kondisi jalan rusak yang sudah ditangani"};
  private static final String[] OPERATORS = {"siti.rahma", "budi.santoso", "dewi.lestari"};

  /** An instruction; deliveredAt null when not delivered before the end. Times in ms since 1970. */
  public record Instruction(String kecamatan, String payload, String createdBy, long createdAt, Long deliveredAt) {
  }

  private final Timeline timeline;
  private final Outages outages;
  private final SplittableRandom random;

  public InstructionHistory(Timeline timeline, Outages outages, long seed) {
    this.timeline = timeline;
    this.outages = outages;
    this.random = new SplittableRandom(seed ^ 0x1257L);
  }

  public List<Instruction> of(List<String> kecamatan, List<AlertHistory.Alert> floods) {
    List<Instruction> out = new ArrayList<>();
    for (AlertHistory.Alert a : floods) {
      if (!a.severity().equals("watch")) {
        long after = a.acknowledgedAt() != null ? a.acknowledgedAt() : a.openedAt() + 5 * 60_000L;
        String by = a.acknowledgedBy() != null ? a.acknowledgedBy() : OPERATORS[0];
        add(out, a.kecamatan(), "Siaga banjir di " + a.subject() + ": siapkan pompa dan tim evakuasi, kabari warga bantaran",
            "urgent", by, after + (2 + random.nextInt(9)) * 60_000L);
      }
    }
    LocalDate last = timeline.local(timeline.minutes()).toLocalDate();
    for (String k : kecamatan) {
      for (LocalDate d = timeline.local(0).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
        if (WorkingHours.isWorkingDay(d.atStartOfDay()) && random.nextDouble() < 0.3) {
          double minute = timeline.minuteOf(d.atTime(8, 0)) + random.nextInt(8 * 60);
          add(out, k, ROUTINE[random.nextInt(ROUTINE.length)], "normal", OPERATORS[random.nextInt(OPERATORS.length)],
              timeline.epochMillis(minute));
        }
      }
    }
    out.sort((x, y) -> Long.compare(x.createdAt(), y.createdAt()));
    return out;
  }

  private void add(List<Instruction> out, String kecamatan, String text, String priority, String operator, long at) {
    long start = timeline.start().toEpochMilli();
    long end = timeline.end().toEpochMilli();
    if (at < start || at >= end) {
      return;
    }
    int minute = (int) ((at - start) / 60_000L);
    int back = outages.backAt(kecamatan, minute);
    long delivered = back == minute ? at + 500 + random.nextInt(2500) : timeline.epochMillis(back) + random.nextInt(30_000);
    String payload = new JsonObject().put("type", "instruction").put("text", text).put("priority", priority)
        .put("from", operator).put("at", Instant.ofEpochMilli(at).toString()).encode();
    out.add(new Instruction(kecamatan, payload, operator, at, delivered < end ? delivered : null));
  }
}
