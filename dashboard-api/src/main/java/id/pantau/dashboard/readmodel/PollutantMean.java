package id.pantau.dashboard.readmodel;

import id.pantau.wire.Metric;

/** A kecamatan's 24-hour mean concentration of one pollutant, from the one-minute rollups. */
public record PollutantMean(String kecamatan, Metric pollutant, double mean, long readings) {
}
