package id.pantau.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.testing.Http;
import id.pantau.dashboard.testing.Poll;
import id.pantau.server.support.Mqtt5Gateway;
import id.pantau.server.support.Payloads;
import id.pantau.server.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A year of a city's holidays over the admin API: read with where each day comes from, replaced
 * (validated, a 400 naming the entry), and back to the city file's, each moving the complaint
 * deadlines of the node that took it at once and of another API node at its next city reload, no
 * restart. The example is the issue's: a
 * complaint received on Tuesday 17 March 2026, in the week of Nyepi and Idul Fitri with their
 * joint-leave days, must be verified by Friday 27 March (3 working days) and followed up by
 * Tuesday 31 March (5).
 */
class HolidayAdminIT {
  private static final String ADMIN = "admin-token-0123456789";
  private static final String OPERATOR = "operator-token-0123456789";
  private static final String GW = "bandung.coblong.h1";
  private static final String SECRET = "secret-1";
  private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
  /** Tuesday 17 March 2026, 10:00 in Bandung. */
  private static final ZonedDateTime RECEIVED = ZonedDateTime.of(2026, 3, 17, 10, 0, 0, 0, WIB);
  private static TestServer api;
  private static TestServer other;

  @BeforeAll
  static void start() throws Exception {
    Path tokens = Files.createTempFile("api-tokens", ".csv");
    Files.writeString(tokens, "root,admin," + ADMIN + "\nduty,operator," + OPERATOR + "\n");
    // a complaint of March 2026 is older than the default raw-data retention, which also bounds complaint events
    api = TestServer.start(Map.of("security.apiTokensFile", tokens.toString(), "retention.raw", "3650d"));
    other = TestServer.start(Map.of("role", "api", "node.id", "other-api", "cities.reloadInterval", "300ms"));
    api.truncate();
    api.gateway(GW, "bandung", "coblong", SECRET);
  }

  @AfterAll
  static void stop() {
    other.close();
    api.close();
  }

  @AfterEach
  void backToTheCityFile() throws Exception {
    int year = LocalDate.now(WIB).getYear();
    for (int y : new int[] {2026, year, year + 1}) {
      assertEquals(200, send("DELETE", "/api/v1/admin/holidays/" + y, ADMIN, null).statusCode());
    }
  }

  @Test
  void aHolidayAddedOverTheApiMovesTheComplaintDeadlinesAtOnceAndDeleteBringsThemBack() throws Exception {
    // given the city file's 2026: 25 national and joint-leave days of the joint ministerial decree
    JsonObject file = body(send("GET", "/api/v1/admin/holidays?year=2026", ADMIN, null));
    assertEquals("city file", file.getString("origin"));
    JsonArray days = file.getJsonArray("holidays");
    assertEquals(25, days.size(), file.encode());
    JsonObject firstJointLeave = days.getJsonObject(2);
    assertEquals("2026-02-16", firstJointLeave.getString("date"));
    assertEquals("joint_leave", firstJointLeave.getString("kind"));
    assertEquals("Cuti bersama Tahun Baru Imlek", firstJointLeave.getString("name"));
    assertTrue(firstJointLeave.getString("source").contains("1497"), firstJointLeave.encode());
    assertEquals("city file", firstJointLeave.getString("origin"));

    // and a complaint received on Tuesday 17 March 2026 that nobody verified
    publish("{\"gateway\":\"" + GW + "\",\"boot\":1,\"seq\":1,\"events\":[{\"id\":\"L1\",\"event\":\"created\",\"ts\":"
        + RECEIVED.toInstant().toEpochMilli() + ",\"category\":\"lainnya\"}]}");
    // then it is due for verification on Friday 27 March and for follow-up on Tuesday 31 March
    Poll.until(() -> dueAt("verificationBreaches"), at(2026, 3, 27));
    assertEquals(at(2026, 3, 31), dueAt("breaches"));
    assertEquals(1, view().getJsonObject("verificationBreaches").getLong("count"));
    Poll.until(() -> dueAt(other, "verificationBreaches"), at(2026, 3, 27));

    // when the city closes its offices on Thursday 26 March too (the file's list and one local day)
    JsonArray withLocal = new JsonArray();
    days.forEach(d -> {
      JsonObject day = ((JsonObject) d).copy();
      day.remove("origin");
      withLocal.add(day);
    });
    withLocal.add(new JsonObject().put("date", "2026-03-26").put("kind", "local")
        .put("name", "Libur daerah (uji)").put("source", "Keputusan Wali Kota Bandung (uji)"));
    HttpResponse<String> put = send("PUT", "/api/v1/admin/holidays/2026", ADMIN,
        new JsonObject().put("holidays", withLocal).encode());
    JsonObject admin = body(put);
    assertEquals("admin", admin.getString("origin"));
    assertEquals(26, admin.getJsonArray("holidays").size());
    assertEquals("admin", body(send("GET", "/api/v1/admin/holidays?year=2026", ADMIN, null)).getString("origin"));

    // then both deadlines move a working day later on this node, without a restart
    Poll.until(() -> dueAt("verificationBreaches"), at(2026, 3, 30));
    assertEquals(at(2026, 4, 1), dueAt("breaches"));
    assertEquals(1, view().getJsonObject("verificationBreaches").getLong("count"));
    // and on the other API node once it has reloaded its cities (cities.reloadInterval, 300 ms here)
    Poll.until(() -> dueAt(other, "verificationBreaches"), at(2026, 3, 30));
    assertEquals(at(2026, 4, 1), dueAt(other, "breaches"));

    // and back to the file's list: the deadlines with it
    JsonObject cleared = body(send("DELETE", "/api/v1/admin/holidays/2026", ADMIN, null));
    assertEquals("city file", cleared.getString("origin"));
    assertEquals(25, cleared.getJsonArray("holidays").size());
    Poll.until(() -> dueAt("verificationBreaches"), at(2026, 3, 27));
    assertEquals(at(2026, 3, 31), dueAt("breaches"));
    Poll.until(() -> dueAt(other, "verificationBreaches"), at(2026, 3, 27));
  }

  @Test
  void aBadListIsRefusedWithA400NamingTheEntryAndChangesNothing() throws Exception {
    assertRefused(2026, "{\"holidays\":[{\"date\":\"2027-01-01\",\"kind\":\"national\",\"name\":\"Tahun Baru\"}]}",
        "holidays[0] (2027-01-01): the date is not in 2026");
    assertRefused(2026, "{\"holidays\":[{\"date\":\"2026-01-01\",\"kind\":\"national\",\"name\":\"Tahun Baru\"},"
        + "{\"date\":\"2026-03-26\",\"kind\":\"cuti\",\"name\":\"Libur\"}]}",
        "holidays[1] (2026-03-26): holiday kind 'cuti' is not one of national, joint_leave, local");
    assertRefused(2026, "{\"holidays\":[{\"date\":\"2026-03-26\",\"kind\":\"local\",\"name\":\" \"}]}",
        "holidays[0] (2026-03-26): the name must not be empty");
    assertRefused(2026, "{\"holidays\":[{\"date\":\"2026-03-26\",\"kind\":\"local\"}]}", "holidays[0] (2026-03-26)");
    assertRefused(2026, "{\"holidays\":[{\"date\":\"2026-03-26\",\"kind\":\"local\",\"name\":\"A\"},"
        + "{\"date\":\"2026-03-26\",\"kind\":\"local\",\"name\":\"B\"}]}",
        "holidays[1] (2026-03-26): the date is listed twice, also as holidays[0]");
    assertRefused(2026, "{\"holidays\":[{\"date\":\"26 March\",\"kind\":\"local\",\"name\":\"A\"}]}",
        "holidays[0].date '26 March' is not a date");
    assertRefused(2026, "{\"holidays\":[{\"date\":\"2026-03-26\",\"kind\":\"local\",\"name\":\"A\",\"day\":1}]}",
        "holidays[0].day");
    assertRefused(2026, "[]", "JSON object");
    assertRefused(2026, "{\"days\":[]}", "only holidays");
    assertEquals(400, send("PUT", "/api/v1/admin/holidays/twenty", ADMIN, "{\"holidays\":[]}").statusCode());
    assertEquals(400, send("GET", "/api/v1/admin/holidays?year=1500", ADMIN, null).statusCode());
    assertEquals("city file", body(send("GET", "/api/v1/admin/holidays?year=2026", ADMIN, null)).getString("origin"),
        "nothing was stored");
  }

  @Test
  void onlyAnAdminReadsOrChangesThem() throws Exception {
    for (String token : new String[] {OPERATOR, null}) {
      int expected = token == null ? 401 : 403;
      assertEquals(expected, send("GET", "/api/v1/admin/holidays?year=2026", token, null).statusCode());
      assertEquals(expected, send("PUT", "/api/v1/admin/holidays/2026", token, "{\"holidays\":[]}").statusCode());
      assertEquals(expected, send("DELETE", "/api/v1/admin/holidays/2026", token, null).statusCode());
    }
    assertEquals(25, body(send("GET", "/api/v1/admin/holidays?year=2026", ADMIN, null)).getJsonArray("holidays").size());
  }

  @Test
  void aYearWithoutHolidaysIsAWarningInTheAnswerAndInHealth() throws Exception {
    int year = LocalDate.now(WIB).getYear();
    String missing = "has none for " + year;
    // when an administrator empties this year's list
    JsonObject emptied = body(send("PUT", "/api/v1/admin/holidays/" + year, ADMIN, "{\"holidays\":[]}"));
    // then the answer and the health endpoint say the year has no holidays
    assertTrue(emptied.getJsonArray("warnings").encode().contains(missing), emptied.encode());
    assertTrue(health().contains(missing), health());

    // when this year and the next have holidays
    for (int y : new int[] {year, year + 1}) {
      body(send("PUT", "/api/v1/admin/holidays/" + y, ADMIN, "{\"holidays\":[{\"date\":\"" + y
          + "-08-17\",\"kind\":\"national\",\"name\":\"Hari Kemerdekaan\"}]}"));
    }
    // then nothing is missing
    JsonObject covered = body(send("GET", "/api/v1/admin/holidays?year=" + year, ADMIN, null));
    assertEquals(new JsonArray(), covered.getJsonArray("warnings"), covered.encode());
    assertFalse(health().contains("holidays: city bandung"), health());
  }

  private static String health() throws Exception {
    return new JsonObject(Http.send(api.httpPort(), "GET", "/api/v1/health", null, null).body())
        .getJsonArray("warnings").encode();
  }

  private static void assertRefused(int year, String body, String because) throws Exception {
    HttpResponse<String> r = send("PUT", "/api/v1/admin/holidays/" + year, ADMIN, body);
    assertEquals(400, r.statusCode(), body + " -> " + r.body());
    assertTrue(r.body().contains(because), body + " -> " + r.body());
  }

  /** The deadline of complaint L1 in a breach list of the complaints view (null while it is not listed). */
  private static String dueAt(String list) throws Exception {
    return dueAt(api, list);
  }

  private static String dueAt(TestServer node, String list) throws Exception {
    JsonArray entries = view(node).getJsonObject(list).getJsonArray("list");
    for (int i = 0; i < entries.size(); i++) {
      if (entries.getJsonObject(i).getString("id").equals("L1")) {
        return entries.getJsonObject(i).getString("dueAt");
      }
    }
    return null;
  }

  private static JsonObject view() throws Exception {
    return view(api);
  }

  private static JsonObject view(TestServer node) throws Exception {
    return body(Http.send(node.httpPort(), "GET", "/api/v1/complaints", null, null));
  }

  /** 10:00 in Bandung on that day, as the view writes it. */
  private static String at(int year, int month, int day) {
    return ZonedDateTime.of(year, month, day, 10, 0, 0, 0, WIB).toInstant().toString();
  }

  private static void publish(String json) throws Exception {
    try (Mqtt5Gateway gw = Mqtt5Gateway.connect(api.mqttPort(), GW, SECRET)) {
      assertEquals(0, gw.publishAndAwaitReason(Payloads.topic("bandung", "coblong", "complaints"), Payloads.json(json)));
    }
  }

  private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    return Http.send(api.httpPort(), method, path, token, body);
  }

  private static JsonObject body(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }
}
