package id.pantau.store;

/**
 * Why a stored reading does not count: the {@code reading.flag} column (NULL: it counts). A
 * flagged reading is kept, as air-quality and hydrology networks keep a raw value they reject,
 * but stays out of the rollups, the latest values and so out of every KPI and alert rule.
 */
public enum ReadingFlag {
  /** Outside its metric's plausible range (catalogue, city file or sensor). */
  OUT_OF_RANGE((short) 1);

  private final short code;

  ReadingFlag(short code) {
    this.code = code;
  }

  /** The value stored in {@code reading.flag}. */
  public short code() {
    return code;
  }
}
