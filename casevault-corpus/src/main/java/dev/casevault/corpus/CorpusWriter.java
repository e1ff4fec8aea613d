package dev.casevault.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.json.CaseJsonWriter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
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
 * Writes a corpus as JSON Lines and its ground truth beside it, in constant memory whatever the
 * number of cases.
 *
 * <p>Cases are generated in chunks on all cores and written in order, so the output is the same
 * bytes for the same seed whatever the number of cores: exactly what writing {@link
 * CorpusGenerator#generate} of 0, 1, 2... one after the other with {@link CaseJsonWriter#writeLine}
 * gives.
 *
 * <p>The truth file has one JSON object per planted value: {@code {"case":"CASE-2019-0001234",
 * "field":"messages[3].text","type":"EMAIL","start":12,"end":28,"value":"jane@example.com"}}, with
 * the fields and offsets of {@link PlantedValue}. It holds the personal data in clear: it is test
 * data about synthetic people, never to be produced from real cases.
 */
public final class CorpusWriter {
  /** What a write produced. */
  public record Summary(long cases, long bytes, long plantedValues, double seconds) {}

  /** Cases per unit of work: about 2 MB of output, large enough to amortise the hand-over. */
  static final int CHUNK = 1000;

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private CorpusWriter() {}

  /**
   * Writes cases 0 to {@code cases - 1} of {@code seed} to {@code out} and their planted values to
   * {@code truth}, replacing both files.
   *
   * @param progress told the number of cases written so far, on the calling thread, after each
   *     chunk
   * @return the number of cases, the bytes of {@code out}, the number of planted values and the
   *     seconds taken
   */
  public static Summary write(long seed, long cases, Path out, Path truth, LongConsumer progress)
      throws IOException {
    if (cases < 0) {
      throw new IllegalArgumentException("cases must not be negative, was " + cases);
    }
    long started = System.nanoTime();
    CorpusGenerator generator = new CorpusGenerator(seed);
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "corpus-writer");
              thread.setDaemon(true);
              return thread;
            });
    long bytes = 0;
    long plantedValues = 0;
    try (OutputStream caseOut = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        OutputStream truthOut = new BufferedOutputStream(Files.newOutputStream(truth), 1 << 16)) {
      // At most two chunks per thread are in flight: enough to keep every core busy while the
      // calling thread writes, and what bounds memory.
      Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
      long next = 0;
      while (next < cases || !inFlight.isEmpty()) {
        while (next < cases && inFlight.size() < 2 * threads) {
          long from = next;
          long to = Math.min(cases, from + CHUNK);
          inFlight.add(pool.submit(() -> Chunk.render(generator, from, to)));
          next = to;
        }
        Chunk chunk = await(inFlight.removeFirst());
        chunk.cases.writeTo(caseOut);
        chunk.truth.writeTo(truthOut);
        bytes += chunk.cases.size();
        plantedValues += chunk.plantedValues;
        progress.accept(chunk.to);
      }
    } finally {
      pool.shutdownNow();
    }
    return new Summary(cases, bytes, plantedValues, (System.nanoTime() - started) / 1e9);
  }

  private static Chunk await(Future<Chunk> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while generating the corpus");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IOException("generating the corpus failed", e.getCause());
    }
  }

  /** The output of cases {@code [from, to)}: their JSON lines and their truth lines. */
  private record Chunk(
      long to, ByteArrayOutputStream cases, ByteArrayOutputStream truth, long plantedValues) {
    static Chunk render(CorpusGenerator generator, long from, long to) {
      ByteArrayOutputStream cases = new ByteArrayOutputStream(CHUNK * 2600);
      ByteArrayOutputStream truth = new ByteArrayOutputStream(CHUNK * 600);
      long plantedValues = 0;
      try (JsonGenerator json = JSON.createGenerator(truth)) {
        // One object per line: no space between root values, a line end after each.
        json.setRootValueSeparator(null);
        for (long index = from; index < to; index++) {
          GeneratedCase generated = generator.generate(index);
          CaseJsonWriter.writeLine(generated.supportCase(), cases);
          String id = generated.supportCase().id().value();
          for (PlantedValue value : generated.planted()) {
            json.writeStartObject();
            json.writeStringField("case", id);
            json.writeStringField("field", value.field());
            json.writeStringField("type", value.type());
            json.writeNumberField("start", value.start());
            json.writeNumberField("end", value.end());
            json.writeStringField("value", value.value());
            json.writeEndObject();
            json.writeRaw('\n');
          }
          plantedValues += generated.planted().size();
        }
      } catch (IOException e) {
        // Only in-memory streams here: they do not fail.
        throw new UncheckedIOException(e);
      }
      return new Chunk(to, cases, truth, plantedValues);
    }
  }
}
