package id.pantau.ingest.batch;

import java.util.List;

/** Stores a group of items in one transaction; returns only once it is committed. */
@FunctionalInterface
public interface Flusher<T> {
  void flush(List<T> items) throws Exception;
}
