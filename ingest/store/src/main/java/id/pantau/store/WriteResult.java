package id.pantau.store;

/** What one flush stored: new batches and their readings or events, and batches that were already stored. */
public record WriteResult(int storedBatches, int duplicateBatches, long storedItems) {
}
