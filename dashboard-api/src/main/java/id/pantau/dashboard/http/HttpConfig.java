package id.pantau.dashboard.http;

import id.pantau.config.ConfigTree;

/** The HTTP listener of the dashboard API. */
public record HttpConfig(String host, int port, String defaultCity) {

  public static HttpConfig from(ConfigTree c) {
    return new HttpConfig(c.string("http.host"), c.integer("http.port", 0, 65535), c.string("cities.default"));
  }
}
