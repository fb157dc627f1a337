package id.pantau.ingest.mqtt;

import id.pantau.config.ConfigException;
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
  /** keyUsage bit 5: the key may sign certificates. */
  private static final int KEY_CERT_SIGN = 5;

  private ClientCertificates() {
  }

  /**
   * Every trust anchor in {@code mqtt.tls.clientCa} must be a certificate authority (basic
   * constraints CA=true, and keyCertSign when key usage is given). Java does not check this of a
   * trust anchor: trusting a gateway's own certificate would let that gateway sign a certificate
   * naming any other gateway. With CA anchors only, a gateway certificate (CA=false) cannot be an
   * intermediate, and the handshake refuses a certificate it signed.
   */
  static void requireAuthorities(java.nio.file.Path pem) {
    java.util.Collection<? extends Certificate> anchors;
    try (var in = java.nio.file.Files.newInputStream(pem)) {
      anchors = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (java.io.IOException | java.security.cert.CertificateException e) {
      throw new ConfigException("mqtt.tls.clientCa", "cannot read " + pem + ": " + e.getMessage());
    }
    if (anchors.isEmpty()) {
      throw new ConfigException("mqtt.tls.clientCa", pem + " holds no certificate");
    }
    for (Certificate c : anchors) {
      X509Certificate cert = (X509Certificate) c;
      boolean[] usage = cert.getKeyUsage();
      if (cert.getBasicConstraints() < 0 || (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN]))) {
        throw new ConfigException("mqtt.tls.clientCa", "'" + cert.getSubjectX500Principal().getName()
            + "' in " + pem + " is not a certificate authority (basic constraints CA=true, key usage keyCertSign):"
            + " trust the CA that issues the gateway certificates, never a gateway certificate itself");
      }
    }
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
