package dev.casevault.opensearch.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP relay on 127.0.0.1 in front of one node, which a test can {@link #cut} to make the cluster
 * unreachable from a client that knows it only through the relay (connections refused, open ones
 * reset) and {@link #restore} later, without stopping any node. TLS passes through untouched: the
 * client still checks the node's certificate, which names 127.0.0.1.
 */
public final class TcpProxy implements AutoCloseable {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final int targetPort;
  private final int port;
  private final Set<Socket> open = new HashSet<>();
  private ServerSocket listener;

  private TcpProxy(int targetPort, ServerSocket listener) {
    this.targetPort = targetPort;
    this.listener = listener;
    this.port = listener.getLocalPort();
    accept(listener);
  }

  /** A relay from a free port on 127.0.0.1 to {@code targetPort} on 127.0.0.1. */
  public static TcpProxy start(int targetPort) throws IOException {
    return new TcpProxy(targetPort, bind(0));
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(LOOPBACK, port));
    return socket;
  }

  public int port() {
    return port;
  }

  /** {@code https://127.0.0.1:PORT}: the node's HTTPS address as the relay shows it. */
  public URI httpsUrl() {
    return URI.create("https://127.0.0.1:" + port);
  }

  /** Stops listening and resets every relayed connection: from now on, connections are refused. */
  public synchronized void cut() {
    closeQuietly(listener);
    listener = null;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /** Listens again on the same port after a {@link #cut}. */
  public synchronized void restore() throws IOException {
    if (listener == null) {
      listener = bind(port);
      accept(listener);
    }
  }

  @Override
  public void close() {
    cut();
  }

  private void accept(ServerSocket server) {
    Thread.ofVirtual()
        .name("tcp-proxy-accept-" + port)
        .start(
            () -> {
              while (!server.isClosed()) {
                Socket client;
                try {
                  client = server.accept();
                } catch (IOException closed) {
                  return;
                }
                relay(client);
              }
            });
  }

  private void relay(Socket client) {
    Socket node;
    try {
      node = new Socket(LOOPBACK, targetPort);
    } catch (IOException e) {
      closeQuietly(client);
      return;
    }
    synchronized (this) {
      if (listener == null) { // cut while connecting
        closeQuietly(client);
        closeQuietly(node);
        return;
      }
      open.add(client);
      open.add(node);
    }
    Thread.ofVirtual().start(() -> pump(client, node));
    Thread.ofVirtual().start(() -> pump(node, client));
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | UncheckedIOException closed) {
      // one side went away: the other is closed below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      synchronized (this) {
        open.remove(from);
        open.remove(to);
      }
    }
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (IOException ignored) {
      // closing to cut: nothing to do if it is already closed
    }
  }
}
