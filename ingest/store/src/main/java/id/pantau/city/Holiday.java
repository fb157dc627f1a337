package id.pantau.city;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A day on which government offices are closed, so working-day targets run over it.
 *
 * @param kind why it is closed: a national holiday, a joint-leave day (cuti bersama) of the
 *     year's joint ministerial decree, or a local one the city sets
 * @param name what the day is, for people (may be empty)
 * @param source where the day comes from, e.g. the decree's number (may be empty)
 */
public record Holiday(LocalDate date, Kind kind, String name, String source) {
  public Holiday {
    if (date == null) {
      throw new IllegalArgumentException("a holiday needs a date");
    }
    kind = kind == null ? Kind.LOCAL : kind;
    name = name == null ? "" : name;
    source = source == null ? "" : source;
  }

  /** A day known only by its date: the city set it, so it counts as local. */
  public static Holiday local(LocalDate date) {
    return new Holiday(date, Kind.LOCAL, "", "");
  }

  public enum Kind {
    NATIONAL, JOINT_LEAVE, LOCAL;

    /** The name used in city files and JSON: {@code national}, {@code joint_leave}, {@code local}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String text) {
      for (Kind k : values()) {
        if (k.wireName().equals(text)) {
          return k;
        }
      }
      throw new IllegalArgumentException("holiday kind '" + text + "' is not one of national, joint_leave, local");
    }
  }
}
