package id.pantau.store;

/**
 * Why a stored reading does not count: the {@code reading.flag} column (NULL: it counts). A
 * flagged reading is kept, as air-quality and hydrology networks keep a raw value they reject,
 * but stays out of the rollups, the latest values and so out of every KPI and alert rule.
 */
public enum ReadingFlag {
  /** Outside its metric's plausible range (catalogue, city file or sensor). */
  OUT_OF_RANGE((short) 1, "out_of_range");

  private final short code;
  private final String wireName;

  ReadingFlag(short code, String wireName) {
    this.code = code;
    this.wireName = wireName;
  }

  /** The value stored in {@code reading.flag}. */
  public short code() {
    return code;
  }

  /** The flag as the API names it. */
  public String wireName() {
    return wireName;
  }

  /** The flag stored as {@code code}; null for a code this version does not know. */
  public static ReadingFlag ofCode(short code) {
    for (ReadingFlag f : values()) {
      if (f.code == code) {
        return f;
      }
    }
    return null;
  }
}
