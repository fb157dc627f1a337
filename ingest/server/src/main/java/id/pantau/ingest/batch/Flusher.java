package id.pantau.ingest.batch;

import id.pantau.store.WriteResult;
import java.util.List;

/**
 * Stores a group of items in one transaction; returns only once it is committed, with what
 * became of each item (stored, already stored, or refused by the store for a reason of its own).
 */
@FunctionalInterface
public interface Flusher<T> {
  WriteResult flush(List<T> items) throws Exception;
}
