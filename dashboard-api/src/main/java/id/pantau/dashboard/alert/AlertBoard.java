package id.pantau.dashboard.alert;

import java.util.List;

/**
 * A city's alerts now: the open ones, newest first (at most 500), and those cleared within the
 * last day, most recently cleared first (at most 50).
 */
public record AlertBoard(List<Alert> active, List<Alert> clearedLast24h) {
  public AlertBoard {
    active = List.copyOf(active);
    clearedLast24h = List.copyOf(clearedLast24h);
  }
}
