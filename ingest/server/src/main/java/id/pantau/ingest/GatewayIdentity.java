package id.pantau.ingest;

import id.pantau.city.KecamatanRef;
import id.pantau.wire.GatewayTopic;

/** An authenticated gateway and the city and kecamatan it is bound to. */
public record GatewayIdentity(String gatewayId, KecamatanRef kecamatan) {

  /** True when the topic lies under this gateway's own {@code pantau/v1/{city}/{kec}/}. */
  public boolean owns(GatewayTopic topic) {
    return topic.city().equals(kecamatan.citySlug()) && topic.kecamatan().equals(kecamatan.slug());
  }

  public String topicPrefix() {
    return GatewayTopic.PREFIX + kecamatan.citySlug() + "/" + kecamatan.slug() + "/";
  }
}
