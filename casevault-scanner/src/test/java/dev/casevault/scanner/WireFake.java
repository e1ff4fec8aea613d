package dev.casevault.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A scripted server on 127.0.0.1 for wire-protocol tests: each connection reads frames (split by
 * the given framing), hands each to a responder that returns the bytes to answer, and records what
 * it received.
 */
final class WireFake implements AutoCloseable {
  interface Framing {
    /** Reads one frame, or returns null at the end of the connection. */
    byte[] next(InputStream in) throws IOException;
  }

  private final ServerSocket server;
  final ConcurrentLinkedQueue<byte[]> received = new ConcurrentLinkedQueue<>();

  WireFake(Framing framing, Function<byte[], byte[]> responder) throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  Thread.ofVirtual().start(() -> serve(socket, framing, responder));
                } catch (IOException closed) {
                  return;
                }
              }
            });
  }

  private void serve(Socket socket, Framing framing, Function<byte[], byte[]> responder) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        byte[] frame = framing.next(in);
        if (frame == null) {
          return;
        }
        received.add(frame);
        byte[] answer = responder.apply(frame);
        if (answer == null) {
          return;
        }
        out.write(answer);
        out.flush();
      }
    } catch (IOException ended) {
      // the client hung up
    }
  }

  Endpoint endpoint() {
    return new Endpoint("127.0.0.1", server.getLocalPort());
  }

  List<byte[]> frames() {
    return List.copyOf(received);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
