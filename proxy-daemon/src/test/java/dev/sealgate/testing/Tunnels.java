package dev.sealgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A CONNECT sent by hand over a socket, for what HTTP clients do not show: status, certificate. */
public final class Tunnels {
  private Tunnels() {}

  /**
   * The proxy's answer to a CONNECT; on 200 the socket is the tunnel.
   *
   * @param head the status line and headers, as received
   */
  public record Answer(int status, String head, String body, Socket socket) {
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /**
   * Sends {@code CONNECT authority} with the daemon's token, or without when {@code auth} is null.
   */
  public static Answer connect(int proxyPort, String authority, String auth) throws IOException {
    Socket s = new Socket("127.0.0.1", proxyPort);
    s.setSoTimeout(20_000);
    String request =
        "CONNECT "
            + authority
            + " HTTP/1.1\r\nHost: "
            + authority
            + "\r\n"
            + (auth == null ? "" : "Proxy-Authorization: " + auth + "\r\n")
            + "\r\n";
    s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    String head = readHead(in);
    int status = Integer.parseInt(head.split(" ", 3)[1]);
    String body = "";
    int length = contentLength(head);
    if (status != 200 && length > 0) {
      body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
    return new Answer(status, head, body, s);
  }

  /** Starts TLS over an established tunnel, trusting only {@code trust}. */
  public static SSLSocket tls(Answer tunnel, String host, SSLContext trust, String... alpn)
      throws IOException {
    SSLSocket tls =
        (SSLSocket)
            trust
                .getSocketFactory()
                .createSocket(tunnel.socket(), host, tunnel.socket().getPort(), true);
    var params = tls.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (alpn.length > 0) {
      params.setApplicationProtocols(alpn);
    }
    tls.setSSLParameters(params);
    tls.startHandshake();
    return tls;
  }

  /** A JDK context trusting only the PEM certificate in {@code caPem}. */
  public static SSLContext trusting(Path caPem) {
    try (InputStream in = Files.newInputStream(caPem)) {
      X509Certificate ca =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(null, tmf.getTrustManagers(), null);
      return c;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot trust " + caPem, e);
    }
  }

  /** Reads an HTTP/1.1 response head (status line and headers) up to the blank line. */
  public static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside a response head: " + head);
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return -1;
  }
}
