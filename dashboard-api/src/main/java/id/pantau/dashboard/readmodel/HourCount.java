package id.pantau.dashboard.readmodel;

import java.time.Instant;

/** A count per kecamatan (slug) and hour (its start, a whole UTC hour). */
public record HourCount(String kecamatan, Instant hour, long count) {
}
