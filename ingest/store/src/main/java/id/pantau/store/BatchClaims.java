package id.pantau.store;

import id.pantau.wire.BatchId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Claims batch ids in {@code ingest_batch}, inside the caller's transaction: the batches whose
 * ids were new are the ones to store; the others were stored before and are only acknowledged.
 * Two copies of one batch inside one flush are stored once. Writes the store refused are not
 * claimed: the gateway may send the same batch id again once it has dropped what was refused.
 */
final class BatchClaims {
  private static final String CLAIM = """
      INSERT INTO ingest_batch (gateway_id, boot, seq, stream, items)
      SELECT g, b, s, ?, n FROM unnest(?::text[], ?::int8[], ?::int8[], ?::int4[]) AS u(g, b, s, n) ORDER BY 1, 2, 3
      ON CONFLICT DO NOTHING
      RETURNING gateway_id, boot, seq""";

  private BatchClaims() {
  }

  /**
   * @param candidates the positions of the writes to claim (the others were refused)
   * @return the positions whose batch ids were claimed now: the writes to store
   */
  static <W> BitSet claim(Connection c, String stream, List<W> writes, BitSet candidates, Function<W, BatchId> id,
                          ToIntFunction<W> items) throws SQLException {
    Map<BatchId, Integer> unique = new LinkedHashMap<>();
    candidates.stream().forEach(w -> unique.putIfAbsent(id.apply(writes.get(w)), w));
    if (unique.isEmpty()) {
      return new BitSet();
    }
    int n = unique.size();
    String[] gateways = new String[n];
    Object[] boots = new Object[n];
    Object[] seqs = new Object[n];
    Object[] counts = new Object[n];
    int i = 0;
    for (var e : unique.entrySet()) {
      gateways[i] = e.getKey().gateway();
      boots[i] = e.getKey().boot();
      seqs[i] = e.getKey().seq();
      counts[i] = items.applyAsInt(writes.get(e.getValue()));
      i++;
    }
    Set<BatchId> claimed = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setString(1, stream);
      ps.setArray(2, c.createArrayOf("text", gateways));
      ps.setArray(3, c.createArrayOf("int8", boots));
      ps.setArray(4, c.createArrayOf("int8", seqs));
      ps.setArray(5, c.createArrayOf("int4", counts));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(new BatchId(rs.getString(1), rs.getLong(2), rs.getLong(3)));
        }
      }
    }
    BitSet fresh = new BitSet(writes.size());
    unique.forEach((batchId, w) -> {
      if (claimed.contains(batchId)) {
        fresh.set(w);
      }
    });
    return fresh;
  }
}
