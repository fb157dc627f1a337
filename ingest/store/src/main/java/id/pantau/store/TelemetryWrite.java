package id.pantau.store;

import id.pantau.city.KecamatanRef;
import id.pantau.wire.TelemetryBatch;

/** One decoded batch to store, with the kecamatan its gateway is bound to. */
public record TelemetryWrite(TelemetryBatch batch, KecamatanRef kecamatan) {
}
