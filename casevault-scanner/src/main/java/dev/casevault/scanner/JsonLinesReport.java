package dev.casevault.scanner;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One JSON object per probed endpoint, one per line: the fields of {@link ScanResult}, written by
 * Jackson from the record (names from the scanned host are escaped like any other string).
 */
public final class JsonLinesReport {
  private static final ObjectWriter WRITER =
      new ObjectMapper()
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
          .writerFor(ScanResult.class);

  private JsonLinesReport() {}

  public static void write(ScanReport report, OutputStream out) throws IOException {
    for (ScanResult result : report.results()) {
      out.write(WRITER.writeValueAsBytes(result));
      out.write('\n');
    }
    out.flush();
  }
}
