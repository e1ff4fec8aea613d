package dev.casevault.corpus;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.json.CaseJsonWriter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Writes a corpus and its ground truth. Chunks of cases are generated on every core and written in
 * order, so the output is the same bytes as a sequential run, in memory bounded by a few chunks.
 */
public final class CorpusWriter {
  private static final int CHUNK = 1000;
  private static final JsonFactory JSON = new JsonFactory();

  /** What was written. */
  public record Summary(long cases, long bytes, long plantedValues, double seconds) {}

  private record Chunk(byte[] cases, byte[] truth, long planted) {}

  private CorpusWriter() {}

  /**
   * Writes cases {@code 0..cases-1} of the corpus of {@code seed} to {@code out} (JSON Lines) and
   * every planted value to {@code truth}; {@code progress} receives the count written so far.
   */
  public static Summary write(long seed, long cases, Path out, Path truth, LongConsumer progress)
      throws IOException {
    long started = System.nanoTime();
    CorpusGenerator generator = new CorpusGenerator(seed);
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long bytes = 0;
    long planted = 0;
    try (OutputStream caseOut = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20);
        OutputStream truthOut = new BufferedOutputStream(Files.newOutputStream(truth), 1 << 20)) {
      Deque<Future<Chunk>> pending = new ArrayDeque<>();
      long next = 0;
      long written = 0;
      while (written < cases) {
        while (next < cases && pending.size() < threads * 2) {
          long from = next;
          long to = Math.min(cases, from + CHUNK);
          pending.add(pool.submit(() -> chunk(generator, from, to)));
          next = to;
        }
        Chunk chunk = await(pending.removeFirst());
        caseOut.write(chunk.cases());
        truthOut.write(chunk.truth());
        bytes += chunk.cases().length;
        planted += chunk.planted();
        written = Math.min(cases, written + CHUNK);
        progress.accept(written);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Summary(cases, bytes, planted, (System.nanoTime() - started) / 1e9);
  }

  private static Chunk chunk(CorpusGenerator generator, long from, long to) {
    ByteArrayOutputStream cases = new ByteArrayOutputStream((int) (to - from) * 2500);
    ByteArrayOutputStream truth = new ByteArrayOutputStream((int) (to - from) * 600);
    long planted = 0;
    try (JsonGenerator json = JSON.createGenerator(truth, JsonEncoding.UTF8)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.setRootValueSeparator(null); // one object a line, no leading space
      for (long i = from; i < to; i++) {
        GeneratedCase generated = generator.generate(i);
        CaseJsonWriter.writeLine(generated.supportCase(), cases);
        for (PlantedValue value : generated.planted()) {
          json.writeStartObject();
          json.writeStringField("case", generated.supportCase().id().value());
          json.writeStringField("field", value.field());
          json.writeStringField("type", value.type());
          json.writeNumberField("start", value.start());
          json.writeNumberField("end", value.end());
          json.writeStringField("value", value.value());
          json.writeEndObject();
          json.flush();
          truth.write('\n');
          planted++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Chunk(cases.toByteArray(), truth.toByteArray(), planted);
  }

  private static Chunk await(Future<Chunk> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("corpus generation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IllegalStateException("corpus generation failed", e.getCause());
    }
  }
}
