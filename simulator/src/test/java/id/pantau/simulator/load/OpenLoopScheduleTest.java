package id.pantau.simulator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {
  @Test
  void aSteadyRateSpacesMessagesEvenly() {
    OpenLoopSchedule s = new OpenLoopSchedule(200, 0, 0);
    assertEquals(0.005, s.dueSeconds(0), 1e-12);
    assertEquals(1.0, s.dueSeconds(199), 1e-12);
    assertEquals(2000, s.dueBy(10.0));
  }

  @Test
  void theRampRisesLinearlySoItCarriesHalfTheMessagesOfFullRate() {
    OpenLoopSchedule s = new OpenLoopSchedule(100, 10, 0);
    assertEquals(500, s.dueBy(10), 1);            // half of 100 msg/s x 10 s
    assertEquals(125, s.dueBy(5), 1);             // a quarter of that by half-way: r t^2 / 2T
    assertEquals(500 + 1000, s.dueBy(20), 1);     // then full rate
    for (long k = 1; k < 2000; k++) {
      assertTrue(s.dueSeconds(k) > s.dueSeconds(k - 1));
    }
  }

  @Test
  void phaseShiftsAGatewayWithinOneInterval() {
    OpenLoopSchedule a = new OpenLoopSchedule(10, 0, 0);
    OpenLoopSchedule b = new OpenLoopSchedule(10, 0, 0.5);
    assertEquals(0.05, b.dueSeconds(0) - a.dueSeconds(0), 1e-12);
  }
}
