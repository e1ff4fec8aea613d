package dev.casevault.scanner;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server from a Debian package (redis-server, memcached) started by a test on a free port of
 * 127.0.0.1, and killed when closed.
 */
final class LocalServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private LocalServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  int port() {
    return port;
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", port);
  }

  /** The binary on the PATH or in /usr/bin, or a failure saying which package to install. */
  static Path binary(String name, String debianPackage) {
    List<Path> places = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty()) {
        places.add(Path.of(dir, name));
      }
    }
    places.add(Path.of("/usr/bin", name));
    places.add(Path.of("/usr/sbin", name));
    for (Path place : places) {
      if (Files.isExecutable(place)) {
        return place;
      }
    }
    throw new IllegalStateException(
        name
            + " is not on the PATH nor in /usr/bin: install the Debian package "
            + debianPackage
            + " (./run-tests installs it)");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Starts {@code command} (which must listen on {@code port}) and waits until it accepts. */
  static LocalServer start(List<String> command, int port, Path log) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LocalServer server = new LocalServer(process, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            command.getFirst() + " exited at start: " + Files.readString(log));
      }
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        return server;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    server.close();
    throw new IllegalStateException(command.getFirst() + " did not listen on " + port);
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
