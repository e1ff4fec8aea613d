package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * S3-style buckets over HTTP (AWS, MinIO, Ceph and the like): a {@code GET} of the bucket's address
 * (the URL target's path, or {@code /}) that answers a {@code ListBucketResult} is a bucket anyone
 * can list; its first three small objects are read as samples. A {@code ListAllMyBucketsResult}
 * (bucket names only) is metadata; an S3 {@code AccessDenied} error is a closed bucket. The XML
 * parser refuses document types, so no entity is ever expanded.
 */
final class S3Probe implements Probe {
  /** Objects larger than this are listed, not sampled. */
  static final long MAX_SAMPLED_OBJECT_BYTES = 1 << 20;

  @Override
  public String service() {
    return "s3";
  }

  @Override
  public Set<Integer> defaultPorts() {
    return Set.of(80, 443, 9000);
  }

  @Override
  public boolean http() {
    return true;
  }

  @Override
  public Observation probe(Session session) throws IOException, InterruptedException {
    String base = session.basePath();
    HttpReply listing = session.get(base);
    Element root = xmlRoot(listing.body());
    if (root == null) {
      return Observation.notThisService(service());
    }
    ServiceInfo info = ServiceInfo.of("s3", null);
    switch (root.getTagName()) {
      case "ListBucketResult" -> {
        return bucket(session, base, root, listing.tls());
      }
      case "ListAllMyBucketsResult" -> {
        List<StoreSample> buckets = new ArrayList<>();
        for (Element bucket : children(child(root, "Buckets"), "Bucket")) {
          buckets.add(StoreSample.unsampled(text(bucket, "Name"), null, null));
        }
        return new Observation(
            service(),
            Verdict.OPEN_METADATA,
            listing.tls(),
            info,
            buckets,
            List.of("bucket names listed without credentials"));
      }
      case "Error" -> {
        String code = text(root, "Code");
        if (listing.refusesAnonymous()
            || "AccessDenied".equals(code)
            || "AllAccessDisabled".equals(code)) {
          return Observation.authRequired(
              service(), listing.tls(), info, "listing refused (" + code + ")");
        }
        return Observation.notThisService(service());
      }
      default -> {
        return Observation.notThisService(service());
      }
    }
  }

  private Observation bucket(Session session, String base, Element root, boolean tls)
      throws IOException, InterruptedException {
    String name = text(root, "Name");
    List<Element> objects = children(root, "Contents");
    long bytes = 0;
    List<SampledRecord> samples = new ArrayList<>();
    String prefix = base.endsWith("/") ? base : base + "/";
    for (Element object : objects) {
      String key = text(object, "Key");
      long size = parse(text(object, "Size"));
      bytes += Math.max(size, 0);
      if (key == null || key.isEmpty() || samples.size() == Probes.MAX_SAMPLES) {
        continue;
      }
      if (size < 0 || size > MAX_SAMPLED_OBJECT_BYTES) {
        continue;
      }
      HttpReply content = session.get(prefix + encodeKey(key));
      if (content.ok() && !content.body().contains("\u0000")) {
        JsonNode json = content.json();
        samples.add(
            new SampledRecord(key, json != null ? json : Json.NODES.textNode(content.body())));
      }
    }
    List<String> notes = new ArrayList<>();
    if ("true".equals(text(root, "IsTruncated"))) {
      notes.add("the listing has more objects than its first page shows; counts are of that page");
    }
    return new Observation(
        service(),
        Verdict.OPEN_DATA,
        tls,
        ServiceInfo.of("s3", null),
        List.of(
            new StoreSample(
                name == null ? "(bucket)" : name, (long) objects.size(), bytes, "", samples)),
        notes);
  }

  /** An object key as a path: each {@code /}-separated part encoded on its own. */
  static String encodeKey(String key) {
    String[] parts = key.split("/", -1);
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        path.append('/');
      }
      path.append(
          parts[i].equals(".") || parts[i].equals("..")
              ? parts[i].replace(".", "%2E")
              : Session.segment(parts[i]));
    }
    return path.toString();
  }

  /** The document's root element, or null when the body is not XML. */
  static Element xmlRoot(String body) {
    String trimmed = body.stripLeading();
    if (!trimmed.startsWith("<")) {
      return null;
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Document document =
          builder.parse(new ByteArrayInputStream(trimmed.getBytes(StandardCharsets.UTF_8)));
      return document.getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      return null;
    }
  }

  private static List<Element> children(Element parent, String tag) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element && element.getTagName().equals(tag)) {
        found.add(element);
      }
    }
    return found;
  }

  private static Element child(Element parent, String tag) {
    List<Element> found = children(parent, tag);
    return found.isEmpty() ? null : found.getFirst();
  }

  private static String text(Element parent, String tag) {
    Element element = child(parent, tag);
    return element == null ? null : element.getTextContent().strip();
  }

  private static long parse(String value) {
    try {
      return value == null ? -1 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
