package id.pantau.store;

/**
 * What one flush stored: new batches and their readings or events, and batches that were already stored.
 *
 * @param flaggedItems of the stored items, those stored flagged (implausible readings), counting for nothing
 */
public record WriteResult(int storedBatches, int duplicateBatches, long storedItems, long flaggedItems) {
  public WriteResult(int storedBatches, int duplicateBatches, long storedItems) {
    this(storedBatches, duplicateBatches, storedItems, 0);
  }
}
