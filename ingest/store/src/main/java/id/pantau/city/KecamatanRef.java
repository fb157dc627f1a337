package id.pantau.city;

/** A kecamatan as stored: database ids plus slugs, what a gateway is bound to. */
public record KecamatanRef(int id, int cityId, String citySlug, String slug, String name, String zone) {
}
