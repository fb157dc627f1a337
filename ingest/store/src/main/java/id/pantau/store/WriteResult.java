package id.pantau.store;

import id.pantau.wire.Rejection;
import java.util.BitSet;
import java.util.Map;

/**
 * What one flush did with each of its writes, by position: stored, stored before (a
 * redelivery: acknowledged, not stored twice), or refused for a reason the gateway must hear
 * (a sensor or complaint of another kecamatan, a quota). Refused writes were neither stored
 * nor claimed, so the gateway may send the same batch id again once it has dropped what was named.
 */
public record WriteResult(int storedBatches, int duplicateBatches, long storedItems, BitSet duplicates,
                          Map<Integer, Rejection> refusals) {

  public WriteResult {
    duplicates = (BitSet) duplicates.clone();
    refusals = Map.copyOf(refusals);
  }

  /**
   * @param claimed the positions stored now (their batch ids claimed)
   * @param refusals the positions refused, with their reasons; every other position was stored before
   */
  public static WriteResult of(int writes, BitSet claimed, Map<Integer, Rejection> refusals, long items) {
    BitSet duplicates = new BitSet(writes);
    duplicates.set(0, writes);
    duplicates.andNot(claimed);
    refusals.keySet().forEach(duplicates::clear);
    return new WriteResult(claimed.cardinality(), duplicates.cardinality(), items, duplicates, refusals);
  }

  /** Every one of {@code writes} stored: for flushers with no duplicates or refusals to report. */
  public static WriteResult allStored(int writes, long items) {
    return new WriteResult(writes, 0, items, new BitSet(), Map.of());
  }

  public boolean duplicate(int write) {
    return duplicates.get(write);
  }

  /** The reason the write at this position was refused, or null when it was not. */
  public Rejection refusal(int write) {
    return refusals.get(write);
  }
}
