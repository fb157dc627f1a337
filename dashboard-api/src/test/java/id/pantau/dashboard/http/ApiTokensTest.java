package id.pantau.dashboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.dashboard.ApiException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token file is taken up while running; a broken edit never locks anyone out. */
class ApiTokensTest {
  private static final String OLD = "aaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String NEW = "bbbbbbbbbbbbbbbbbbbbbbbb";

  @TempDir
  Path dir;

  @Test
  void aTokenRotatedToOneOfTheSameLengthIsTakenUpEvenUnderTheSameModificationTime() throws Exception {
    Path file = dir.resolve("api-tokens.csv");
    Files.writeString(file, "duty,operator," + OLD + "\n");
    ApiTokens tokens = ApiTokens.load(file);
    assertEquals("duty", tokens.holderOf(OLD).name());
    FileTime before = Files.getLastModifiedTime(file);

    Files.writeString(file, "duty,operator," + NEW + "\n");
    Files.setLastModifiedTime(file, before); // a file system that keeps times to the second
    assertTrue(tokens.reloadIfChanged());
    assertNull(tokens.holderOf(OLD), "the old token is revoked");
    assertEquals(ApiTokens.Role.OPERATOR, tokens.holderOf(NEW).role());
    assertFalse(tokens.reloadIfChanged(), "nothing changed since");
  }

  @Test
  void aBrokenOrEmptyFileLeavesTheTokensInForce() throws Exception {
    Path file = dir.resolve("api-tokens.csv");
    Files.writeString(file, "duty,operator," + OLD + "\n");
    ApiTokens tokens = ApiTokens.load(file);
    for (String broken : new String[] {"duty,operator,short\n", "duty,chief," + NEW + "\n", "", "# all commented out\n"}) {
      Files.writeString(file, broken);
      assertFalse(tokens.reloadIfChanged(), "refused: '" + broken.strip() + "'");
      assertEquals("duty", tokens.holderOf(OLD).name(), "still in force after '" + broken.strip() + "'");
      assertNull(tokens.holderOf(NEW));
    }
    Files.writeString(file, "duty,operator," + OLD + "\nnight,admin," + NEW + ",bandung\n");
    assertTrue(tokens.reloadIfChanged(), "a good file after broken ones is taken up");
    assertEquals("bandung", tokens.holderOf(NEW).city());
  }

  @Test
  void aCreatedTokenFileIsNeverReadableByOthersNotEvenWhileItIsBeingWritten() throws Exception {
    // a watcher reads the file's permissions from the instant it exists, over many creations:
    // a file created readable and restricted afterwards is caught in that window
    for (int round = 0; round < 300; round++) {
      Path file = dir.resolve("round-" + round).resolve("api-tokens.csv");
      Files.createDirectories(file.getParent());
      AtomicReference<Set<PosixFilePermission>> firstSeen = new AtomicReference<>();
      AtomicBoolean done = new AtomicBoolean();
      Thread watcher = new Thread(() -> {
        while (firstSeen.get() == null && !done.get()) {
          try {
            firstSeen.set(Files.getPosixFilePermissions(file));
          } catch (java.io.IOException notYet) {
            Thread.onSpinWait();
          }
        }
      });
      watcher.start();
      ApiTokens.load(file);
      done.set(true);
      watcher.join();
      Set<PosixFilePermission> seen = firstSeen.get() != null ? firstSeen.get() : Files.getPosixFilePermissions(file);
      assertEquals(PosixFilePermissions.fromString("rw-------"), seen, "round " + round);
    }
  }

  private static final BiPredicate<String, String> BANDUNG = (city, kec) -> city.equals("bandung")
      && Set.of("coblong", "sukajadi").contains(kec);

  @Test
  void aKecamatanTokenReadsAndActsOnItsOwnKecamatanOnly() throws Exception {
    Path file = dir.resolve("api-tokens.csv");
    Files.writeString(file, "coblong,operator," + OLD + ",bandung,coblong\ncity,operator," + NEW + ",bandung\n");
    ApiTokens tokens = ApiTokens.load(file, BANDUNG);
    ApiTokens.Holder coblong = tokens.holderOf(OLD);
    assertEquals("coblong", coblong.kecamatan());
    assertEquals("coblong", coblong.kecamatanScope("bandung", null), "narrowed to its own when it names none");
    assertEquals("coblong", coblong.kecamatanScope("bandung", "coblong"));
    ApiException.Forbidden other = assertThrows(ApiException.Forbidden.class,
        () -> coblong.kecamatanScope("bandung", "sukajadi"));
    assertTrue(other.getMessage().contains("kecamatan coblong of bandung only, not sukajadi"), other.getMessage());
    assertThrows(ApiException.Forbidden.class, () -> coblong.kecamatanScope("cimahi", "coblong"));
    assertThrows(ApiException.Forbidden.class, () -> coblong.mayActOnWholeCity("bandung"));

    ApiTokens.Holder city = tokens.holderOf(NEW);
    assertNull(city.kecamatan());
    assertNull(city.kecamatanScope("bandung", null), "a city token reads the whole city");
    assertEquals("sukajadi", city.kecamatanScope("bandung", "sukajadi"));
    city.mayActOnWholeCity("bandung");
  }

  @Test
  void aKecamatanLineThatCannotBeHonouredStopsTheStartNamingTheLine() throws Exception {
    Path file = dir.resolve("api-tokens.csv");
    Map<String, String> refused = Map.of(
        "k,screen," + OLD + ",bandung,dago\n", "api-tokens.csv:1: kecamatan 'dago' is not in city 'bandung'",
        "k,screen," + OLD + ",cimahi,coblong\n", "api-tokens.csv:1: kecamatan 'coblong' is not in city 'cimahi'",
        "k,screen," + OLD + ",,coblong\n", "api-tokens.csv:1: a kecamatan token names its city",
        "k,admin," + OLD + ",bandung,coblong\n", "api-tokens.csv:1: a kecamatan token has the screen or operator role",
        "k,screen," + OLD + ",bandung,coblong,extra\n", "api-tokens.csv:1: expected name,role,token");
    for (var line : refused.entrySet()) {
      Files.writeString(file, line.getKey());
      java.io.IOException e = assertThrows(java.io.IOException.class, () -> ApiTokens.load(file, BANDUNG), line.getKey());
      assertTrue(e.getMessage().contains(line.getValue()), e.getMessage());
    }
  }

  @Test
  void anEditNamingAnUnknownKecamatanIsRefusedWhileRunning() throws Exception {
    Path file = dir.resolve("api-tokens.csv");
    Files.writeString(file, "k,screen," + OLD + ",bandung,coblong\n");
    ApiTokens tokens = ApiTokens.load(file, BANDUNG);
    Files.writeString(file, "k,screen," + NEW + ",bandung,dago\n");
    assertFalse(tokens.reloadIfChanged());
    assertEquals("coblong", tokens.holderOf(OLD).kecamatan(), "the tokens in force stay");
  }
}
