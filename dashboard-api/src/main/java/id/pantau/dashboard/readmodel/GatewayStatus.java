package id.pantau.dashboard.readmodel;

import java.time.Instant;

/**
 * A gateway's presence as the ingest nodes record it.
 *
 * @param lastSeen null when it never connected (provisioned, not yet installed)
 * @param lagMs the last batch's delay between reading and arrival, null when unknown
 * @param offlineReason why it went offline, null while online
 */
public record GatewayStatus(String id, String kecamatan, boolean online, Instant lastSeen, Long lagMs,
                            String offlineReason) {
}
