package dev.casevault.server;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/** The authorisation matrix with the server on the embedded Lucene store, the default. */
class AuthorisationMatrixOnLuceneTest extends AuthorisationMatrixTest {
  @BeforeAll
  static void start() throws IOException {
    startOn(TestServer.LUCENE);
  }
}
