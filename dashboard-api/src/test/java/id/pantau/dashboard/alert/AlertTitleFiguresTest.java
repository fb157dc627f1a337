package id.pantau.dashboard.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AlertTitleFiguresTest {
  @Test
  void wholeNumbersPrintWithoutDecimalsAndOthersWithOne() {
    assertEquals("150", AlertCondition.fmt(150));
    assertEquals("-3", AlertCondition.fmt(-3));
    assertEquals("12.3", AlertCondition.fmt(12.34));
    assertEquals("0", AlertCondition.fmt(0));
  }

  @Test
  void aHugeValueIsWrittenAsItIsNotAsASaturatedLong() {
    // the title read "pm25 9223372036854775807": (long) 1e308 is Long.MAX_VALUE
    assertEquals("1.00e+308", AlertCondition.fmt(1e308));
    assertEquals("-1.00e+308", AlertCondition.fmt(-1e308));
    assertEquals("1.00e+19", AlertCondition.fmt(1e19));
    assertEquals("Infinity", AlertCondition.fmt(Double.POSITIVE_INFINITY));
  }
}
