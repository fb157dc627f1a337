package id.pantau.store;

import id.pantau.city.KecamatanRef;
import id.pantau.wire.ComplaintBatch;

/** One decoded complaint batch to store, with the kecamatan its gateway is bound to. */
public record ComplaintWrite(ComplaintBatch batch, KecamatanRef kecamatan) {
}
