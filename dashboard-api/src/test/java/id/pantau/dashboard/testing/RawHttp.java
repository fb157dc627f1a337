package id.pantau.dashboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket from a chosen loopback address (127.0.0.2, 127.0.0.3, ...: Linux
 * routes all of 127/8 to the loopback), so a test can be several clients the server tells apart.
 */
public final class RawHttp {
  private RawHttp() {
  }

  /** A socket from {@code localAddress} to the server, with a small receive buffer for clients that never read. */
  public static Socket open(String localAddress, int port, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(receiveBuffer);
    s.setSoTimeout(10_000);
    s.bind(new InetSocketAddress(localAddress, 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    return s;
  }

  /** Sends a GET and returns its head and the start of its body, for a request answered at once. */
  public static Answer get(String localAddress, int port, String path) throws IOException {
    try (Socket s = open(localAddress, port, 64 * 1024)) {
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return Answer.parse(read(s.getInputStream()));
    }
  }

  /** Starts a GET and leaves the answer unread. */
  public static void request(Socket s, String path) throws IOException {
    s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  /**
   * Reads an answer's head, and its body when it has a {@code Content-Length} (a refusal);
   * leaves a streamed body unread.
   */
  public static Answer readHead(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new java.io.EOFException("closed after " + head);
      }
      head.append((char) b);
    }
    Answer a = Answer.parse(head.toString());
    String length = a.header("Content-Length");
    if (length == null) {
      return a;
    }
    byte[] body = in.readNBytes(Integer.parseInt(length));
    return new Answer(a.status(), a.head(), new String(body, StandardCharsets.UTF_8));
  }

  /** Reads the head of an answer and as much of its body as has come, until the server closes or 64 KiB. */
  private static String read(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    int n = 0;
    int r;
    while (n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0) {
      n += r;
    }
    return new String(buffer, 0, n, StandardCharsets.UTF_8);
  }

  /** The status, one header's lookup, and the body of an answer. */
  public record Answer(int status, String head, String body) {
    static Answer parse(String text) {
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      return new Answer(Integer.parseInt(head.substring(9, 12)), head, split < 0 ? "" : text.substring(split + 4));
    }

    /** A header's value (case-insensitive name), or null. */
    public String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }
}
