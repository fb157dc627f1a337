package id.pantau.dashboard.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AlertNumbersTest {
  @Test
  void wholeNumbersPrintWithoutDecimalsAndOthersWithOne() {
    assertEquals("150", AlertNumbers.format(150));
    assertEquals("-3", AlertNumbers.format(-3));
    assertEquals("12.3", AlertNumbers.format(12.34));
    assertEquals("0", AlertNumbers.format(0));
  }

  @Test
  void aHugeValueIsWrittenAsItIsNotAsASaturatedLong() {
    // the title read "pm25 9223372036854775807": (long) 1e308 is Long.MAX_VALUE
    assertEquals("1.00e+308", AlertNumbers.format(1e308));
    assertEquals("-1.00e+308", AlertNumbers.format(-1e308));
    assertEquals("1.00e+19", AlertNumbers.format(1e19));
    assertEquals("Infinity", AlertNumbers.format(Double.POSITIVE_INFINITY));
  }
}
