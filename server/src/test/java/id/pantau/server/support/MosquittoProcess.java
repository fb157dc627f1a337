package id.pantau.server.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real Mosquitto broker (Debian's package) on a free port, for broker-mode tests. */
public final class MosquittoProcess implements AutoCloseable {
  private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

  private final Process process;
  private final int port;

  private MosquittoProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Anonymous access on 127.0.0.1; sessions in memory; no limit on messages queued for a node that is away. */
  public static MosquittoProcess start(Path dir) throws Exception {
    return start(dir, "allow_anonymous true");
  }

  /**
   * Only these users (name to password), each limited by the ACL file's rules (Mosquitto's
   * {@code acl_file} format: {@code user}/{@code topic} lines, {@code pattern} lines with {@code %u}).
   */
  public static MosquittoProcess startWithAcl(Path dir, java.util.Map<String, String> users, String acl) throws Exception {
    Files.createDirectories(dir);
    Path passwords = dir.resolve("passwords");
    Files.writeString(passwords, "");
    for (var user : users.entrySet()) {
      Process p = new ProcessBuilder("/usr/bin/mosquitto_passwd", "-b", passwords.toString(), user.getKey(), user.getValue())
          .redirectErrorStream(true).start();
      if (p.waitFor() != 0) {
        throw new AssertionError("mosquitto_passwd failed: " + new String(p.getInputStream().readAllBytes()));
      }
    }
    Path aclFile = dir.resolve("acl");
    Files.writeString(aclFile, acl);
    // started as root, mosquitto drops to its own user, which must still read both files
    for (Path f : new Path[] {dir, passwords, aclFile}) {
      Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(
          Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
    }
    return start(dir, "allow_anonymous false\npassword_file " + passwords + "\nacl_file " + aclFile);
  }

  private static MosquittoProcess start(Path dir, String access) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError("this test needs a real MQTT broker at " + BINARY + ": apt-get install mosquitto");
    }
    int port = Ports.free();
    Path config = dir.resolve("mosquitto.conf");
    Files.writeString(config, String.join("\n",
        "listener " + port + " 127.0.0.1",
        access,
        "persistence false",
        "max_inflight_messages 20",
        "max_queued_messages 0",
        "log_type error", "log_type warning", "log_type notice", ""));
    Process p = new ProcessBuilder(BINARY.toString(), "-c", config.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return new MosquittoProcess(p, port);
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          throw new AssertionError("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
        }
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new AssertionError("mosquitto did not listen within 30 s");
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
