package id.pantau.ingest.mqtt;

import io.vertx.mqtt.MqttEndpoint;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The gateway id a client certificate vouches for: its subject's CN. The TLS handshake has
 * already checked the certificate against {@code mqtt.tls.clientCa}; a certificate that did not
 * verify never gets here.
 */
final class ClientCertificates {
  private ClientCertificates() {
  }

  /** @return the CN of the verified client certificate, or null when the client sent none */
  static String commonName(MqttEndpoint endpoint) {
    if (!endpoint.isSsl() || endpoint.sslSession() == null) {
      return null;
    }
    Certificate[] chain;
    try {
      chain = endpoint.sslSession().getPeerCertificates();
    } catch (SSLPeerUnverifiedException none) {
      return null;
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
      return null;
    }
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return null;
  }
}
