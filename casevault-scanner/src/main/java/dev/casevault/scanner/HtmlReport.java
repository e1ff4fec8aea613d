package dev.casevault.scanner;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as one self-contained HTML page: no script, no external style sheet, font or image (a
 * Content-Security-Policy says so to the browser), every value escaped. A summary with counts by
 * severity, a table of exposures most severe first, their details, the datasets found on several
 * endpoints, then the closed endpoints.
 */
public final class HtmlReport {
  private static final String STYLE =
      """
      body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1d1d1f;max-width:1200px}
      h1{font-size:1.5em;margin-bottom:.2em} h2{font-size:1.15em;margin-top:2em}
      table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.35em .6em;
      border-bottom:1px solid #ddd;vertical-align:top} th{background:#f5f5f7}
      .sev{display:inline-block;padding:.1em .55em;border-radius:.8em;font-weight:600;color:#fff;
      font-size:.85em} .critical{background:#b00020} .high{background:#d9480f}
      .medium{background:#b08900} .low{background:#4c6ef5} .none{background:#868e96}
      .counts span{margin-right:1em} .muted{color:#6e6e73} code{font-size:.95em}
      details{margin:.6em 0;padding:.5em .8em;border:1px solid #ddd;border-radius:.4em}
      summary{cursor:pointer;font-weight:600}
      """;

  private HtmlReport() {}

  public static void write(ScanReport report, PrintWriter out) {
    out.println("<!DOCTYPE html>");
    out.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.println(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'\">");
    out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.println("<title>casevault exposure scan</title><style>" + STYLE + "</style></head><body>");
    out.println("<h1>casevault exposure scan</h1>");
    out.println(
        "<p class=\"muted\">Started "
            + escape(report.started().toString())
            + " · "
            + escape(TextReport.summary(report))
            + "</p>");
    Map<Severity, Integer> severities = report.severityCounts();
    out.print("<p class=\"counts\">");
    for (Severity severity : Severity.values()) {
      if (severity != Severity.NONE) {
        out.print(
            "<span>" + badge(severity) + " " + severities.getOrDefault(severity, 0) + "</span>");
      }
    }
    out.println("</p>");

    List<ScanResult> exposures = report.exposures();
    out.println("<h2>Exposed (" + exposures.size() + ")</h2>");
    if (exposures.isEmpty()) {
      out.println("<p>No endpoint let an anonymous client read anything.</p>");
    } else {
      out.println(
          "<table><tr><th>severity</th><th>endpoint</th><th>service</th><th>verdict</th>"
              + "<th>records</th><th>personal data</th><th>why</th></tr>");
      for (ScanResult result : exposures) {
        out.println(
            "<tr><td>"
                + badge(result.severity())
                + "</td><td><code>"
                + escape(result.target())
                + "</code></td><td>"
                + escape(TextReport.describe(result))
                + "</td><td>"
                + escape(result.verdict().name())
                + "</td><td>"
                + escape(TextReport.amounts(result.documents(), result.bytes()))
                + "</td><td>"
                + escape(
                    result.personalData().stream()
                        .map(found -> found.type().name())
                        .collect(Collectors.joining(", ")))
                + "</td><td>"
                + escape(result.severityReason())
                + "</td></tr>");
      }
      out.println("</table>");
      for (ScanResult result : exposures) {
        details(result, out);
      }
    }

    List<DatasetGroup> shared =
        report.datasets().stream().filter(group -> group.endpoints().size() > 1).toList();
    if (!shared.isEmpty()) {
      out.println("<h2>The same dataset on several endpoints</h2>");
      out.println(
          "<table><tr><th>dataset</th><th>endpoints</th><th>cluster ids</th><th>records</th>"
              + "<th>personal data</th></tr>");
      for (DatasetGroup group : shared) {
        out.println(
            "<tr><td><code>"
                + escape(group.fingerprint())
                + "</code></td><td>"
                + escape(String.join(", ", group.endpoints()))
                + "</td><td>"
                + group.clusterIds().size()
                + "</td><td>"
                + escape(TextReport.amounts(group.documents(), null))
                + "</td><td>"
                + escape(
                    group.personalData().stream().map(Enum::name).collect(Collectors.joining(", ")))
                + "</td></tr>");
      }
      out.println("</table>");
    }

    List<ScanResult> closed =
        report.results().stream().filter(result -> !result.verdict().exposed()).toList();
    out.println("<h2>Not exposed (" + closed.size() + ")</h2>");
    if (!closed.isEmpty()) {
      out.println("<table><tr><th>endpoint</th><th>service</th><th>verdict</th><th>note</th></tr>");
      for (ScanResult result : closed) {
        out.println(
            "<tr><td><code>"
                + escape(result.target())
                + "</code></td><td>"
                + escape(TextReport.describe(result))
                + "</td><td>"
                + escape(result.verdict().name())
                + "</td><td>"
                + escape(result.notes().isEmpty() ? "" : result.notes().getFirst())
                + "</td></tr>");
      }
      out.println("</table>");
    }
    out.println(
        "<p class=\"muted\">Personal data is shown by type and shape only (letters as x, digits"
            + " as 9); no sampled value is kept in this report.</p>");
    out.println("</body></html>");
    out.flush();
  }

  private static void details(ScanResult result, PrintWriter out) {
    out.println(
        "<details><summary>"
            + escape(result.target())
            + " — "
            + escape(TextReport.describe(result))
            + "</summary>");
    ServiceInfo info = result.info();
    if (info.clusterId() != null || info.clusterName() != null) {
      out.println(
          "<p>cluster "
              + escape(String.valueOf(info.clusterName()))
              + " <code>"
              + escape(String.valueOf(info.clusterId()))
              + "</code></p>");
    }
    if (!result.personalData().isEmpty()) {
      out.println(
          "<table><tr><th>type</th><th>sampled records</th><th>fields</th><th>example (shape)"
              + "</th></tr>");
      for (PersonalDataFound found : result.personalData()) {
        out.println(
            "<tr><td>"
                + escape(found.type().name())
                + "</td><td>"
                + found.records()
                + "</td><td>"
                + escape(String.join(", ", found.fields()))
                + "</td><td><code>"
                + escape(found.example())
                + "</code></td></tr>");
      }
      out.println("</table>");
    }
    if (!result.stores().isEmpty()) {
      out.println(
          "<table><tr><th>store</th><th>records</th><th>sampled</th><th>personal data</th></tr>");
      for (StoreReport store : result.stores()) {
        out.println(
            "<tr><td><code>"
                + escape(store.name())
                + "</code></td><td>"
                + escape(TextReport.amounts(store.documents(), store.bytes()))
                + "</td><td>"
                + store.sampled()
                + "</td><td>"
                + escape(
                    store.personalData().stream().map(Enum::name).collect(Collectors.joining(", ")))
                + "</td></tr>");
      }
      out.println("</table>");
    }
    if (!result.ransomIndicators().isEmpty()) {
      out.println(
          "<p><strong>Ransom or wipe indicators:</strong> "
              + escape(String.join(", ", result.ransomIndicators()))
              + "</p>");
    }
    if (result.dataset() != null) {
      out.println("<p>dataset <code>" + escape(result.dataset()) + "</code></p>");
    }
    for (String note : result.notes()) {
      out.println("<p class=\"muted\">" + escape(note) + "</p>");
    }
    out.println("</details>");
  }

  private static String badge(Severity severity) {
    return "<span class=\"sev " + severity.label() + "\">" + severity.label() + "</span>";
  }

  /** Text as HTML content or attribute value: the five special characters, control characters. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                  if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                    out.append(' ');
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }
}
