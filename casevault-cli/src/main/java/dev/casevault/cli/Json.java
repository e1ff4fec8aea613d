package dev.casevault.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** JSON output on stdout for the commands' {@code --json} mode. */
final class Json {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private Json() {}

  /** A generator on stdout that leaves stdout open when closed. */
  static JsonGenerator stdout() throws IOException {
    JsonGenerator generator = FACTORY.createGenerator(System.out);
    generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    return generator;
  }
}
