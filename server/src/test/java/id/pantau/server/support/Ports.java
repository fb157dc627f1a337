package id.pantau.server.support;

import java.io.IOException;
import java.net.ServerSocket;

/** For tests that must know a port before the process that binds it starts. */
public final class Ports {
  private Ports() {
  }

  public static int free() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
