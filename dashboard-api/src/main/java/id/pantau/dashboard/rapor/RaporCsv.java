package id.pantau.dashboard.rapor;

import java.util.ArrayList;
import java.util.List;

/**
 * A rapor as CSV for a spreadsheet or the meeting's handout: one row per kecamatan per figure
 * (the city's own rows last, scope {@code city}), RFC 4180 quoting, a header row.
 */
public final class RaporCsv {
  public static final String HEADER =
      "city,period,previous_period,scope,kecamatan,kecamatan_name,figure,unit,value,previous,change,rank,items";

  private RaporCsv() {
  }

  /**
   * @param kecamatan the one kecamatan to show, or null for all
   * @param withTotal whether to add the city's rows
   */
  public static String of(Rapor r, String kecamatan, boolean withTotal) {
    StringBuilder out = new StringBuilder(HEADER).append("\r\n");
    List<Rapor.Part> parts = new ArrayList<>(r.kecamatan().stream()
        .filter(p -> kecamatan == null || p.slug().equals(kecamatan)).toList());
    if (withTotal) {
      parts.add(r.total());
    }
    for (Rapor.Part p : parts) {
      for (Rapor.Figure f : p.figures().values()) {
        row(out, r.city(), r.period().label(), r.previous().label(), p.slug() == null ? "city" : "kecamatan",
            p.slug() == null ? "" : p.slug(), p.name(), f.id(), RaporJson.name(f.kind().unit()), text(f.kind(), f.value()),
            text(f.kind(), f.previous()), text(f.kind(), f.change()), f.rank() == null ? "" : f.rank().toString(),
            RaporJson.itemsLink(r, p.slug(), f.id()));
      }
    }
    return out.toString();
  }

  private static String text(RaporFigure kind, Double v) {
    Object n = RaporJson.number(kind, v);
    return n == null ? "" : n.toString();
  }

  private static void row(StringBuilder out, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String c = cells[i];
      // a cell a spreadsheet would run as a formula is quoted with a leading apostrophe
      if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?[0-9.]+")) {
        c = "'" + c;
      }
      out.append(c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
          ? '"' + c.replace("\"", "\"\"") + '"' : c);
    }
    out.append("\r\n");
  }
}
