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
  void anAdministratorsYearReplacesThatYearOnly() {
    HolidayCalendar file = CityFiles.load("classpath:cities/bandung.json").holidays()
        .withYear(2025, List.of(new Holiday(LocalDate.of(2025, 12, 25), Holiday.Kind.NATIONAL, "Natal", "")));
    List<Holiday> local = HolidayJson.year(2026, new JsonArray().add(new JsonObject().put("date", "2026-03-26")
        .put("kind", "local").put("name", "Libur daerah")));
    HolidayCalendar calendar = file.withYear(2026, local);
    assertEquals(local, calendar.inYear(2026));
    assertFalse(calendar.isHoliday(LocalDate.of(2026, 3, 20)), "the file's 2026 is replaced as a whole");
    assertTrue(calendar.isHoliday(LocalDate.of(2025, 12, 25)), "other years stay");
  }

  @Test
  void anAdministratorsYearIsCheckedEntryByEntry() {
    assertRefused(2026, new JsonArray().add("2026-03-26"), "holidays[0] must be an object");
    assertRefused(2026, new JsonArray().add(day("2026-01-01", "national", "Tahun Baru")).add(day("2027-01-01", "national",
        "Tahun Baru")), "holidays[1] (2027-01-01): the date is not in 2026");
    assertRefused(2026, new JsonArray().add(day("2026-03-26", "LOCAL", "Libur")), "holidays[0] (2026-03-26): holiday kind");
    assertRefused(2026, new JsonArray().add(day("2026-03-26", null, "Libur")), "holidays[0] (2026-03-26): holiday kind");
    assertRefused(2026, new JsonArray().add(day("2026-03-26", "local", "")), "the name must not be empty");
    assertRefused(2026, new JsonArray().add(day("2026-03-26", "local", "A")).add(day("2026-03-26", "local", "B")),
        "holidays[1] (2026-03-26): the date is listed twice, also as holidays[0]");
    assertEquals(List.of(), HolidayJson.year(2026, new JsonArray()));
  }

  private static JsonObject day(String date, String kind, String name) {
    return new JsonObject().put("date", date).put("kind", kind).put("name", name);
  }

  private static void assertRefused(int year, JsonArray days, String because) {
    var e = assertThrows(IllegalArgumentException.class, () -> HolidayJson.year(year, days));
    assertTrue(e.getMessage().contains(because), e.getMessage());
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
