package id.pantau.server.support;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates written as PEM files, as an operator or a gateway maker would hand them over. */
public final class TestCertificates {
  /** A certificate and its private key, as PEM files. */
  public record Pem(Path certificate, Path key, X509Certificate x509) {
    /** A TLS context that trusts this certificate only. */
    public SSLContext trustingOnlyThis() throws GeneralSecurityException, IOException {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry("trusted", x509);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    }
  }

  private TestCertificates() {
  }

  /** A server certificate for localhost and 127.0.0.1. */
  public static Pem server(Path dir) throws Exception {
    return selfSigned(dir, "localhost", true);
  }

  /** A gateway's client certificate: CN = the gateway id. */
  public static Pem gateway(Path dir, String gatewayId) throws Exception {
    return selfSigned(dir, gatewayId, false);
  }

  /** A certificate authority (basic constraints CA=true, keyCertSign) that issues gateway certificates. */
  public static Pem authority(Path dir, String cn) throws Exception {
    return issue(dir, cn, Kind.AUTHORITY, null);
  }

  /** A gateway's client certificate (CA=false), CN = the gateway id, issued by {@code issuer}. */
  public static Pem gateway(Path dir, String gatewayId, Pem issuer) throws Exception {
    return issue(dir, gatewayId, Kind.CLIENT, issuer);
  }

  private enum Kind { SERVER, CLIENT, AUTHORITY }

  private static Pem selfSigned(Path dir, String cn, boolean server) throws Exception {
    return issue(dir, cn, server ? Kind.SERVER : Kind.CLIENT, null);
  }

  /** Signed by {@code issuer}, or self-signed when it is null. */
  private static Pem issue(Path dir, String cn, Kind kind, Pem issuer) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + cn + ",O=Pantau test");
    X500Name issuerName = issuer == null ? name : X500Name.getInstance(issuer.x509().getSubjectX500Principal().getEncoded());
    Instant now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(System.nanoTime()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name, keys.getPublic());
    if (kind == Kind.SERVER) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
    }
    if (kind == Kind.AUTHORITY) {
      builder.addExtension(Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(true));
      builder.addExtension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(
          org.bouncycastle.asn1.x509.KeyUsage.keyCertSign | org.bouncycastle.asn1.x509.KeyUsage.cRLSign));
    } else if (issuer != null) {
      builder.addExtension(Extension.basicConstraints, true, new org.bouncycastle.asn1.x509.BasicConstraints(false));
    }
    java.security.PrivateKey signer = issuer == null ? keys.getPrivate() : readKey(issuer.key());
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    Files.createDirectories(dir);
    Path certFile = dir.resolve(cn + ".crt.pem");
    Path keyFile = dir.resolve(cn + ".key.pem");
    write(certFile, cert);
    write(keyFile, new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
    return new Pem(certFile, keyFile, cert);
  }

  private static java.security.PrivateKey readKey(Path pem) throws IOException {
    try (var parser = new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(pem))) {
      var info = (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parser.readObject();
      return new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(info);
    }
  }

  private static void write(Path file, Object pemObject) throws IOException {
    try (Writer w = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(pemObject);
    }
  }
}
