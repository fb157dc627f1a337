package id.pantau.store;

import id.pantau.wire.Rejection;
import java.sql.SQLException;

/**
 * A write the store will not make, for a reason the gateway must hear (e.g. a sensor that
 * belongs to another kecamatan). Not transient: retrying the same batch cannot help. The
 * transaction it ends is rolled back; a group flush is split so only this batch is refused.
 */
public final class WriteRefusedException extends SQLException {
  private final transient Rejection rejection;

  public WriteRefusedException(Rejection rejection) {
    super(rejection.detail(), "42501"); // insufficient_privilege: never taken for a transient failure
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
