package id.pantau.city;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A year's holidays as an administrator sends them: {@code [{"date": "2026-03-20", "kind":
 * "joint_leave", "name": "Cuti bersama Idul Fitri", "source": "SKB No. 1497/2/5 of 2025"}]}.
 * Stricter than a city file, as a mistake here moves every complaint deadline at once: each
 * entry needs a date inside the year, a kind and a name, and no date may be listed twice.
 */
public final class HolidayJson {
  private static final Set<String> FIELDS = Set.of("date", "kind", "name", "source");

  private HolidayJson() {
  }

  /**
   * @throws IllegalArgumentException naming the offending entry ({@code holidays[2]})
   */
  public static List<Holiday> year(int year, JsonArray list) {
    List<Holiday> days = new ArrayList<>();
    Map<LocalDate, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "holidays[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject entry)) {
        throw new IllegalArgumentException(at + " must be an object {\"date\", \"kind\", \"name\", \"source\"}");
      }
      for (String field : entry.fieldNames()) {
        if (!FIELDS.contains(field)) {
          throw new IllegalArgumentException(at + "." + field + ": an entry has only date, kind, name and source");
        }
      }
      LocalDate date = date(at, entry.getValue("date"));
      at = at + " (" + date + ")";
      if (date.getYear() != year) {
        throw new IllegalArgumentException(at + ": the date is not in " + year + ", the year in the path");
      }
      Integer earlier = seen.putIfAbsent(date, i);
      if (earlier != null) {
        throw new IllegalArgumentException(at + ": the date is listed twice, also as holidays[" + earlier + "]");
      }
      Holiday.Kind kind;
      try {
        kind = Holiday.Kind.parse(text(at, entry, "kind"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage());
      }
      String name = text(at, entry, "name");
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(at + ": the name must not be empty (what the day is, for people)");
      }
      days.add(new Holiday(date, kind, name.strip(), text(at, entry, "source")));
    }
    return days;
  }

  /** One day in the city file's format. */
  public static JsonObject describe(Holiday h) {
    return new JsonObject().put("date", h.date().toString()).put("kind", h.kind().wireName()).put("name", h.name())
        .put("source", h.source());
  }

  public static JsonArray describe(List<Holiday> days) {
    JsonArray out = new JsonArray();
    days.forEach(h -> out.add(describe(h)));
    return out;
  }

  private static LocalDate date(String at, Object value) {
    if (!(value instanceof String text)) {
      throw new IllegalArgumentException(at + ".date must be a date like 2026-03-20");
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(at + ".date '" + text + "' is not a date like 2026-03-20");
    }
  }

  private static String text(String at, JsonObject entry, String field) {
    Object value = entry.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException(at + "." + field + " must be a string");
    }
    return (String) value;
  }
}
