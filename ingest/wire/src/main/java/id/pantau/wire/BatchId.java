package id.pantau.wire;

/**
 * Names one batch, like an idempotent producer's id, epoch and sequence: a batch already
 * stored under the same id is acknowledged again and not stored twice.
 */
public record BatchId(String gateway, long boot, long seq) {

  @Override
  public String toString() {
    return gateway + "/" + boot + "/" + seq;
  }
}
