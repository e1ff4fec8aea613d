package dev.casevault.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * The baseline the ingest benchmark is measured against: what a plain Lucene application would do
 * with the same file. It parses each line with Jackson's streaming parser without validating it,
 * builds the same fields (text per language with Lucene's stock English and French analysers,
 * keyword fields, dates, facet doc values, the line itself as the stored source), and adds the
 * documents with a plain {@link IndexWriter} from the same number of threads, committing once at
 * the end. No validation, no model objects, no duplicate check, no durability checkpoints.
 */
final class RawLuceneBaseline {
  private static final int BATCH = 256;
  private static final JsonFactory JSON = new JsonFactory();
  private static final List<String> KEYWORDS =
      List.of("status", "product", "channel", "language", "region", "team");

  private RawLuceneBaseline() {}

  /** Indexes every line of {@code corpus} into a new index in {@code folder}; returns cases. */
  static long index(Path corpus, Path folder, int threads) throws Exception {
    Map<String, Analyzer> perField = new java.util.HashMap<>();
    for (String field : List.of("subject", "description", "messages", "notes")) {
      perField.put(field + ".en", new EnglishAnalyzer());
      perField.put(field + ".fr", new FrenchAnalyzer());
    }
    IndexWriterConfig config =
        new IndexWriterConfig(new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), perField));
    config.setRAMBufferSizeMB(256);
    FacetsConfig facets = new FacetsConfig();
    for (String keyword : KEYWORDS) {
      facets.setDrillDownTermsIndexing(keyword, FacetsConfig.DrillDownTermsIndexing.NONE);
    }
    facets.setDrillDownTermsIndexing("tags", FacetsConfig.DrillDownTermsIndexing.NONE);
    facets.setMultiValued("tags", true);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Semaphore inFlight = new Semaphore(threads * 4);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long count = 0;
    try (FSDirectory directory = FSDirectory.open(folder);
        IndexWriter writer = new IndexWriter(directory, config);
        BufferedReader lines = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      List<String> batch = new ArrayList<>(BATCH);
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        batch.add(line);
        count++;
        if (batch.size() == BATCH) {
          submit(batch, writer, facets, pool, inFlight, failure);
          batch = new ArrayList<>(BATCH);
        }
      }
      submit(batch, writer, facets, pool, inFlight, failure);
      inFlight.acquire(threads * 4);
      if (failure.get() != null) {
        throw new IllegalStateException("baseline indexing failed", failure.get());
      }
      writer.commit();
    } finally {
      pool.shutdownNow();
    }
    return count;
  }

  private static void submit(
      List<String> batch,
      IndexWriter writer,
      FacetsConfig facets,
      ExecutorService pool,
      Semaphore inFlight,
      AtomicReference<Throwable> failure)
      throws InterruptedException {
    inFlight.acquire();
    pool.execute(
        () -> {
          try {
            for (String line : batch) {
              writer.addDocument(facets.build(document(line)));
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          } finally {
            inFlight.release();
          }
        });
  }

  private static Document document(String line) throws IOException {
    Document doc = new Document();
    doc.add(new StoredField("_source", line.getBytes(StandardCharsets.UTF_8)));
    List<String[]> texts = new ArrayList<>();
    String language = "en";
    try (JsonParser json = JSON.createParser(line)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        switch (name) {
          case "id" -> doc.add(new KeywordField("id", json.getText(), Field.Store.NO));
          case "created", "updated" ->
              doc.add(
                  new LongField(
                      name,
                      OffsetDateTime.parse(json.getText()).toInstant().toEpochMilli(),
                      Field.Store.NO));
          case "subject", "description" -> texts.add(new String[] {name, json.getText()});
          case "tags" -> {
            while (json.nextToken() != JsonToken.END_ARRAY) {
              addKeyword(doc, "tags", json.getText());
            }
          }
          case "messages", "notes" -> {
            while (json.nextToken() != JsonToken.END_ARRAY) {
              while (json.nextToken() != JsonToken.END_OBJECT) {
                String inner = json.currentName();
                json.nextToken();
                if (inner.equals("text")) {
                  texts.add(new String[] {name, json.getText()});
                }
              }
            }
          }
          default -> {
            if (KEYWORDS.contains(name)) {
              addKeyword(doc, name, json.getText());
              if (name.equals("language")) {
                language = json.getText();
              }
            } else if (value.isStructStart()) {
              json.skipChildren();
            }
          }
        }
      }
    }
    for (String[] text : texts) {
      doc.add(new TextField(text[0] + "." + language, text[1], Field.Store.NO));
    }
    return doc;
  }

  private static void addKeyword(Document doc, String field, String value) {
    doc.add(new StringField(field, value, Field.Store.NO));
    doc.add(new SortedSetDocValuesFacetField(field, value));
  }
}
