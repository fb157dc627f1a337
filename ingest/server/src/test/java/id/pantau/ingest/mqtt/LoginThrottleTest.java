package id.pantau.ingest.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final String GW = "bandung.andir.gw1";

  @Test
  void wrongPasswordsFromOneAddressNeverRefuseTheGatewayFromAnother() {
    LoginThrottle t = new LoginThrottle(5, 60_000);
    for (int i = 0; i < 100; i++) {
      t.failed(GW, "127.0.0.2", 1000);
    }
    assertFalse(t.allowed(GW, "127.0.0.2", 1000), "the guessing address is refused");
    assertTrue(t.allowed(GW, "127.0.0.1", 1000), "the real gateway's address is not");
  }

  @Test
  void anIdIsRefusedFromTheAddressThatFailedItUntilTheWindowEnds() {
    LoginThrottle t = new LoginThrottle(5, 60_000);
    for (int i = 0; i < 5; i++) {
      assertTrue(t.allowed(GW, "10.0.0.1", 1000));
      t.failed(GW, "10.0.0.1", 1000);
    }
    assertFalse(t.allowed(GW, "10.0.0.1", 1000));
    assertTrue(t.allowed("bandung.andir.gw2", "10.0.0.1", 1000), "a neighbour behind the same NAT still gets in");
    assertTrue(t.allowed(GW, "10.0.0.1", 61_000), "forgiven after the window");
  }

  @Test
  void everyKindOfFailureCountsAgainstTheAddress() {
    LoginThrottle t = new LoginThrottle(5, 60_000);
    for (int i = 0; i < 5 * LoginThrottle.ADDRESS_FACTOR; i++) {
      t.failed("made-up-" + i, "10.0.0.9", 1000); // user names that differ from the client id, unknown ids
    }
    assertFalse(t.allowed("anything", "10.0.0.9", 1000));
    assertTrue(t.allowed("anything", "10.0.0.10", 1000));
  }

  @Test
  void aFloodOfMadeUpKeysCannotStopTheCounting() {
    LoginThrottle t = new LoginThrottle(5, 60_000, 100);
    for (int i = 0; i < 1_000; i++) {
      t.failed("made-up-" + i, "10.1." + (i / 250) + "." + (i % 250), 1000);
    }
    assertTrue(t.tracked() <= 200, "both maps stay bounded: " + t.tracked());
    for (int i = 0; i < 5; i++) {
      t.failed(GW, "192.0.2.7", 2000);
    }
    assertFalse(t.allowed(GW, "192.0.2.7", 2000), "a new id is still counted with the maps full");
  }

  @Test
  void ipv6IsCountedPerSlash64() {
    assertEquals(LoginThrottle.source("2001:db8:1:2:aaaa::1"), LoginThrottle.source("2001:db8:1:2:ffff::9"));
    LoginThrottle t = new LoginThrottle(1, 60_000);
    for (int i = 0; i < LoginThrottle.ADDRESS_FACTOR; i++) {
      t.failed("x" + i, "2001:db8:1:2::" + Integer.toHexString(i + 1), 1000);
    }
    assertFalse(t.allowed("y", "2001:db8:1:2:dead::beef", 1000), "a new address in the same /64 is refused");
    assertTrue(t.allowed("y", "2001:db8:1:3::1", 1000));
  }
}
