package dev.casevault.scanner;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis connection speaking RESP2: commands go as arrays of bulk strings (never inline, so no
 * argument can be read as two), replies are read with bounds on every length.
 */
final class Resp implements AutoCloseable {
  /** A reply: a String (simple or bulk), a Long, an Error, a List of replies, or null (nil). */
  record Error(String message) {}

  private static final int MAX_ELEMENTS = 10_000;

  private final Socket socket;
  private final Session session;
  private final InputStream in;
  private final OutputStream out;
  private final int maxBulk;

  Resp(Socket socket, Session session) throws IOException {
    this.socket = socket;
    this.session = session;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.maxBulk = session.settings().maxReplyBytes();
  }

  static byte[] encode(String... command) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String argument : command) {
      byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
      frame.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      frame.writeBytes(bytes);
      frame.writeBytes(new byte[] {'\r', '\n'});
    }
    return frame.toByteArray();
  }

  Object call(String... command) throws IOException, InterruptedException {
    session.pace();
    out.write(encode(command));
    out.flush();
    return read(0);
  }

  private Object read(int depth) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("connection closed");
    }
    String line = line();
    return switch (type) {
      case '+' -> line;
      case '-' -> new Error(line);
      case ':' -> parseLong(line);
      case '$' -> {
        long length = parseLong(line);
        if (length < 0) {
          yield null;
        }
        if (length > maxBulk) {
          throw new ProtocolException("bulk reply over the reply limit");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length != length || in.read() != '\r' || in.read() != '\n') {
          throw new ProtocolException("truncated bulk reply");
        }
        yield new String(bytes, StandardCharsets.UTF_8);
      }
      case '*' -> {
        long count = parseLong(line);
        if (count < 0) {
          yield null;
        }
        if (count > MAX_ELEMENTS || depth > 4) {
          throw new ProtocolException("array reply too large or too deep");
        }
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          elements.add(read(depth + 1));
        }
        yield elements;
      }
      default -> throw new ProtocolException("not a RESP reply");
    };
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed");
      }
      if (b == '\r') {
        if (in.read() != '\n') {
          throw new ProtocolException("bad line end");
        }
        return line.toString(StandardCharsets.UTF_8);
      }
      if (line.size() >= 64 * 1024) {
        throw new ProtocolException("line too long");
      }
      line.write(b);
    }
  }

  private static long parseLong(String text) throws ProtocolException {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ProtocolException("not a number");
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
