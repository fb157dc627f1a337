package id.pantau.city;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {

  @Test
  void bandungShipsTheDecreesNationalHolidaysAndJointLeaveDaysOf2026() {
    HolidayCalendar calendar = CityFiles.load("classpath:cities/bandung.json").holidays();
    List<Holiday> days = calendar.inYear(2026);
    assertEquals(17, days.stream().filter(h -> h.kind() == Holiday.Kind.NATIONAL).count());
    List<LocalDate> jointLeave = days.stream().filter(h -> h.kind() == Holiday.Kind.JOINT_LEAVE).map(Holiday::date).toList();
    assertEquals(List.of(LocalDate.of(2026, 2, 16), LocalDate.of(2026, 3, 18), LocalDate.of(2026, 3, 20),
        LocalDate.of(2026, 3, 23), LocalDate.of(2026, 3, 24), LocalDate.of(2026, 5, 15), LocalDate.of(2026, 5, 28),
        LocalDate.of(2026, 12, 24)), jointLeave);
    assertTrue(days.stream().allMatch(h -> !h.source().isEmpty() && !h.name().isEmpty()));
  }

  @Test
  void aBareDateInACityFileIsALocalHoliday() {
    City city = CityFiles.fromJson(minimalCity().put("holidays", new JsonArray().add("2026-11-24")));
    assertTrue(city.holidays().isHoliday(LocalDate.of(2026, 11, 24)));
    assertEquals(Holiday.Kind.LOCAL, city.holidays().days().get(0).kind());
    assertFalse(city.holidays().isHoliday(LocalDate.of(2026, 11, 25)));
  }

  @Test
  void aHolidayOfAnUnknownKindIsRefusedNamingTheEntry() {
    var e = assertThrows(IllegalArgumentException.class, () -> CityFiles.fromJson(minimalCity().put("holidays",
        new JsonArray().add("2026-01-01").add(new JsonObject().put("date", "2026-03-18").put("kind", "cuti")))));
    assertTrue(e.getMessage().contains("holidays[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("'cuti'"), e.getMessage());
  }

  @Test
  void aDateListedTwiceIsRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> CityFiles.fromJson(minimalCity().put("holidays",
        new JsonArray().add("2026-01-01").add("2026-01-01"))));
    assertTrue(e.getMessage().contains("2026-01-01"), e.getMessage());
  }

  @Test
  void theComingYearCountsAsMissingFromOctoberOn() {
    HolidayCalendar only2026 = HolidayCalendar.ofDates(List.of(LocalDate.of(2026, 1, 1)));
    assertEquals(List.of(), only2026.missingYears(LocalDate.of(2026, 9, 30)));
    assertEquals(List.of(2027), only2026.missingYears(LocalDate.of(2026, 12, 3)));
    assertEquals(List.of(2027, 2028), only2026.missingYears(LocalDate.of(2027, 10, 1)));
  }

  private static JsonObject minimalCity() {
    return new JsonObject().put("slug", "contoh").put("name", "Kota Contoh")
        .put("kecamatan", new JsonArray().add(new JsonObject().put("slug", "pusat").put("name", "Pusat").put("zone", "center")));
  }
}
