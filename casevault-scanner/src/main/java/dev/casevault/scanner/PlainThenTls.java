package dev.casevault.scanner;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.SocketException;
import javax.net.ssl.SSLException;

/**
 * How the binary-protocol probes (Redis, MongoDB, Cassandra) meet a port that may speak their
 * protocol in clear or inside TLS: first in clear; if the peer hangs up or answers something that
 * is not the protocol, once more over TLS; if that fails too, it is not this service.
 */
final class PlainThenTls {
  /** One attempt at the protocol, over TLS or not. */
  interface Attempt {
    Observation run(Session session, boolean tls) throws IOException, InterruptedException;
  }

  private PlainThenTls() {}

  static Observation probe(String service, Session session, Attempt attempt)
      throws IOException, InterruptedException {
    try {
      return attempt.run(session, false);
    } catch (EOFException | SocketException | ProtocolException plainFailed) {
      try {
        return attempt.run(session, true);
      } catch (SSLException | EOFException | SocketException | ProtocolException notTls) {
        return Observation.notThisService(service);
      }
    }
  }
}
