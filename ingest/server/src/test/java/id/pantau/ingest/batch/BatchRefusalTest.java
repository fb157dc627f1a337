package id.pantau.ingest.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.pantau.wire.RejectReason;
import id.pantau.wire.Rejection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a gateway is told when the database refuses its batch: never the database's own text. */
class BatchRefusalTest {
  @Test
  void theReasonNamesTheSqlStateOnly() {
    SQLException db = new SQLException("ERROR: value \"9e999\" out of range for type double precision\n"
        + "  Where: COPY reading, line 1, column value; relation \"public.reading\" schema pantau", "22003");
    Rejection r = GroupCommitBatcher.databaseRefusal(new RuntimeException("flush failed", db));
    assertEquals(RejectReason.IMPLEMENTATION_SPECIFIC_ERROR, r.reason());
    assertTrue(r.detail().contains("SQLSTATE 22003"), r.detail());
    for (String leak : new String[] {"reading", "double precision", "9e999", "COPY", "schema", "\n"}) {
      assertFalse(r.detail().contains(leak), "the database's text leaked: " + r.detail());
    }
  }

  @Test
  void withoutASqlStateTheReasonIsGeneric() {
    Rejection r = GroupCommitBatcher.databaseRefusal(new IllegalStateException("connection pool internals"));
    assertFalse(r.detail().contains("pool"), r.detail());
  }
}
