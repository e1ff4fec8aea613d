package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint × every role × own-team, other-team, assigned, customer-owned and confidential
 * data, over HTTPS against the built-in policy. The expected answers come from {@link Oracle}, a
 * second, independent reading of docs/security.md's role table written for this test; nothing is
 * asked of the code under test to decide what should be visible. Run on each backend by its
 * subclass, which starts the server on that backend's store.
 */
abstract class AuthorisationMatrixTest {
  @TempDir static Path data;
  static TestServer server;

  /** The test's own cases: who owns them and which words sit in which field. */
  record Planted(
      String id,
      String team,
      String region,
      String customer,
      String agent,
      String descriptionWord,
      String internalWord,
      String confidentialWord,
      String email) {
    String line() {
      return "{\"id\":\""
          + id
          + "\",\"created\":\"2019-12-05T10:15:00Z\",\"status\":\"open\",\"product\":\"mail\","
          + "\"channel\":\"email\",\"language\":\"en\",\"region\":\""
          + region
          + "\",\"team\":\""
          + team
          + "\",\"customer\":{\"id\":\""
          + customer
          + "\",\"name\":\"Jane Doe\",\"email\":\""
          + email
          + "\"},\"agent\":{\"id\":\""
          + agent
          + "\",\"name\":\"Sam Lee\"},\"subject\":\"Mailbox "
          + descriptionWord
          + " question\",\"description\":\"The "
          + descriptionWord
          + " report fails to load.\",\"messages\":[{\"at\":\"2019-12-05T10:16:00Z\","
          + "\"from\":\"customer\",\"text\":\"Please write to me at "
          + email
          + " about it.\"}],\"notes\":[{\"at\":\"2019-12-05T11:00:00Z\",\"author\":\""
          + agent
          + "\",\"visibility\":\"internal\",\"text\":\"Checked the "
          + internalWord
          + " setting.\"},{\"at\":\"2019-12-05T11:05:00Z\",\"author\":\""
          + agent
          + "\",\"visibility\":\"confidential\",\"text\":\"Escalated: "
          + confidentialWord
          + " incident.\"}]}";
    }
  }

  static final List<Planted> CASES =
      List.of(
          new Planted(
              "CASE-1",
              "tier1-emea",
              "EMEA",
              "cust-1",
              "A-1",
              "apricot",
              "falcon",
              "kestrel",
              "one@example.com"),
          new Planted(
              "CASE-2",
              "tier1-emea",
              "EMEA",
              "cust-2",
              "A-2",
              "blueberry",
              "gannet",
              "lapwing",
              "two@example.com"),
          new Planted(
              "CASE-3",
              "tier2-amer",
              "AMER",
              "cust-1",
              "A-1",
              "cherry",
              "heron",
              "merganser",
              "three@example.com"),
          new Planted(
              "CASE-4",
              "tier2-amer",
              "AMER",
              "cust-3",
              "A-3",
              "damson",
              "ibis",
              "nightjar",
              "four@example.com"));

  /** A principal of the test, with its credential. */
  record Who(String name, Set<String> roles, Map<String, List<String>> attributes) {}

  static final List<Who> PRINCIPALS =
      List.of(
          new Who("boss", Set.of("supervisor"), Map.of()),
          new Who("ops", Set.of("admin"), Map.of()),
          new Who(
              "emea-agent",
              Set.of("agent"),
              Map.of("team", List.of("tier1-emea"), "agent", List.of("A-1"))),
          new Who(
              "amer-agent",
              Set.of("agent"),
              Map.of("team", List.of("tier2-amer"), "agent", List.of("A-3"))),
          new Who("teamless-agent", Set.of("agent"), Map.of()),
          new Who("dpo", Set.of("privacy-officer"), Map.of()),
          new Who("audit", Set.of("auditor"), Map.of()),
          new Who("loader", Set.of("ingester"), Map.of()),
          new Who("customer-one", Set.of("customer"), Map.of("customer", List.of("cust-1"))),
          new Who("nobody", Set.of(), Map.of()));

  static final Map<String, String> CREDENTIALS = new HashMap<>();
  static final String PASSWORD = TestServer.PASSWORD;

  /** The planted cases in the ingest format, one line each. */
  static List<String> caseLines() {
    return CASES.stream().map(Planted::line).toList();
  }

  /**
   * What the built-in policy means, restated: per role, its permissions, its cases, and whether it
   * sees internal notes, confidential notes and identities.
   */
  static final class Oracle {
    static Set<String> permissions(Who who) {
      Set<String> granted = new TreeSet<>();
      for (String role : who.roles()) {
        granted.addAll(
            switch (role) {
              case "admin" -> Set.of("admin");
              case "supervisor" -> Set.of("search", "read", "read_confidential", "export");
              case "agent", "customer" -> Set.of("search", "read");
              case "privacy-officer" -> Set.of("search", "read", "read_confidential", "reveal");
              case "auditor" -> Set.of("audit");
              case "ingester" -> Set.of("ingest");
              default -> Set.of();
            });
      }
      return granted;
    }

    static boolean sees(Who who, Planted c) {
      for (String role : who.roles()) {
        boolean visible =
            switch (role) {
              case "supervisor", "privacy-officer" -> true;
              case "agent" ->
                  who.attributes().getOrDefault("team", List.of()).contains(c.team())
                      || who.attributes().getOrDefault("agent", List.of()).contains(c.agent());
              case "customer" ->
                  who.attributes().getOrDefault("customer", List.of()).contains(c.customer());
              default -> false;
            };
        if (visible) {
          return true;
        }
      }
      return false;
    }

    static boolean seesTeams(Who who) {
      return who.roles().stream()
          .anyMatch(r -> Set.of("supervisor", "privacy-officer", "agent").contains(r));
    }

    static boolean seesInternal(Who who) {
      return who.roles().stream()
          .anyMatch(r -> Set.of("supervisor", "privacy-officer", "agent").contains(r));
    }

    static boolean seesConfidential(Who who) {
      return who.roles().stream()
          .anyMatch(r -> Set.of("supervisor", "privacy-officer").contains(r));
    }

    static boolean seesIdentities(Who who) {
      return who.roles().contains("privacy-officer");
    }
  }

  /** Starts the server of the matrix on the store {@code opener} opens (Lucene or OpenSearch). */
  static void startOn(TestServer.StoreOpener opener) throws IOException {
    server = TestServer.start(data.resolve("data"), caseLines(), TestServer.loopback(), opener);
    for (Who who : PRINCIPALS) {
      server.addUser(who.name(), new ArrayList<>(who.roles()), who.attributes());
      // Sessions skip the Argon2id cost on every request of the matrix.
      CREDENTIALS.put(who.name(), server.login(who.name(), PASSWORD));
    }
    // One more principal through an API key, with the rights of the EMEA agent.
    JsonNode key =
        server
            .post(
                "/api/admin/keys",
                server.admin(),
                Map.of(
                    "name",
                    "emea-bot",
                    "roles",
                    List.of("agent"),
                    "attributes",
                    Map.of("team", List.of("tier1-emea"), "agent", List.of("A-1")),
                    "days",
                    1))
            .json();
    CREDENTIALS.put("emea-bot", "Bearer " + key.get("token").textValue());
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  static List<Who> everyone() {
    List<Who> all = new ArrayList<>(PRINCIPALS);
    all.add(
        new Who(
            "emea-bot",
            Set.of("agent"),
            Map.of("team", List.of("tier1-emea"), "agent", List.of("A-1"))));
    return all;
  }

  @Test
  void searchReturnsExactlyTheVisibleCasesWithTheirTotalsAndFacets() throws IOException {
    for (Who who : everyone()) {
      TestServer.Answer answer =
          server.post(
              "/api/search",
              CREDENTIALS.get(who.name()),
              Map.of("query", "", "size", 100, "facets", List.of("team", "region")));
      if (!Oracle.permissions(who).contains("search")) {
        assertThat(answer.status()).as(who.name()).isEqualTo(403);
        continue;
      }
      assertThat(answer.status()).as(who.name()).isEqualTo(200);
      List<Planted> visible = CASES.stream().filter(c -> Oracle.sees(who, c)).toList();
      assertThat(ids(answer.json().get("hits")))
          .as(who.name())
          .isEqualTo(new TreeSet<>(visible.stream().map(Planted::id).toList()));
      assertThat(answer.json().get("total").longValue()).as(who.name()).isEqualTo(visible.size());
      Map<String, Long> teams = new TreeMap<>();
      visible.forEach(c -> teams.merge(c.team(), 1L, Long::sum));
      // A facet counts a field the role may see; the customer role is not shown teams.
      assertThat(counts(answer.json().get("facets").get("team")))
          .as(who.name() + " team facet")
          .isEqualTo(Oracle.seesTeams(who) ? teams : Map.of());
    }
  }

  @Test
  void wordsOfHiddenFieldsAndCasesAreNeitherFoundCountedNorHighlighted() throws IOException {
    for (Who who : everyone()) {
      if (!Oracle.permissions(who).contains("search")) {
        continue;
      }
      for (Planted c : CASES) {
        check(who, c.descriptionWord(), c, x -> true, "description");
        check(who, c.internalWord(), c, x -> Oracle.seesInternal(who), "internal_notes");
        check(
            who, c.confidentialWord(), c, x -> Oracle.seesConfidential(who), "confidential_notes");
      }
    }
  }

  private void check(Who who, String word, Planted c, Predicate<Who> fieldVisible, String field)
      throws IOException {
    TestServer.Answer answer =
        server.post(
            "/api/search",
            CREDENTIALS.get(who.name()),
            Map.of("query", word, "facets", List.of("team")));
    assertThat(answer.status()).isEqualTo(200);
    boolean expected = Oracle.sees(who, c) && fieldVisible.test(who);
    String what = who.name() + " searching " + field + " word of " + c.id();
    assertThat(answer.json().get("total").longValue()).as(what).isEqualTo(expected ? 1 : 0);
    assertThat(answer.json().get("facets").path("team").size())
        .as(what)
        .isEqualTo(expected && Oracle.seesTeams(who) ? 1 : 0);
    if (expected) {
      assertThat(answer.json().get("hits").get(0).get("highlights").has(field)).as(what).isTrue();
    }
    for (JsonNode hit : answer.json().get("hits")) {
      hit.get("highlights")
          .fieldNames()
          .forEachRemaining(
              name ->
                  assertThat(
                          switch (name) {
                            case "internal_notes" -> Oracle.seesInternal(who);
                            case "confidential_notes" -> Oracle.seesConfidential(who);
                            default -> true;
                          })
                      .as(what + ": highlight of " + name)
                      .isTrue());
    }
  }

  @Test
  void suggestionsComeOnlyFromVisibleCases() throws IOException {
    for (Who who : everyone()) {
      for (Planted c : CASES) {
        String prefix = c.descriptionWord().substring(0, 3);
        TestServer.Answer answer =
            server.get("/api/suggest?prefix=" + prefix, CREDENTIALS.get(who.name()));
        String what = who.name() + " completing " + prefix;
        if (!Oracle.permissions(who).contains("search")) {
          assertThat(answer.status()).as(what).isEqualTo(403);
          continue;
        }
        assertThat(answer.status()).as(what).isEqualTo(200);
        List<String> suggestions = new ArrayList<>();
        answer.json().get("suggestions").forEach(s -> suggestions.add(s.textValue()));
        assertThat(suggestions)
            .as(what)
            .isEqualTo(Oracle.sees(who, c) ? List.of(c.descriptionWord()) : List.of());
      }
    }
  }

  @Test
  void readingACaseShowsOnlyTheFieldsTheRoleMaySee() throws IOException {
    for (Who who : everyone()) {
      for (Planted c : CASES) {
        TestServer.Answer answer = server.get("/api/cases/" + c.id(), CREDENTIALS.get(who.name()));
        String what = who.name() + " reading " + c.id();
        if (!Oracle.permissions(who).contains("read")) {
          assertThat(answer.status()).as(what).isEqualTo(403);
          continue;
        }
        if (!Oracle.sees(who, c)) {
          assertThat(answer.status()).as(what).isEqualTo(404);
          continue;
        }
        assertThat(answer.status()).as(what).isEqualTo(200);
        String text = answer.json().get("case").toString();
        assertThat(text).as(what).contains(c.descriptionWord());
        assertThat(text.contains(c.internalWord())).as(what).isEqualTo(Oracle.seesInternal(who));
        assertThat(text.contains(c.confidentialWord()))
            .as(what)
            .isEqualTo(Oracle.seesConfidential(who));
        assertThat(answer.json().get("case").has("customer"))
            .as(what + " customer record")
            .isEqualTo(Oracle.seesIdentities(who));
        // Personal data stays a placeholder for everyone, the revealers included.
        assertThat(text).as(what).doesNotContain(c.email());
        assertThat(answer.json().has("sealed"))
            .isEqualTo(Oracle.permissions(who).contains("reveal"));
      }
    }
  }

  @Test
  void revealNeedsThePermissionAVisibleCaseAndAJustification() throws IOException {
    for (Who who : everyone()) {
      for (Planted c : CASES) {
        String what = who.name() + " revealing in " + c.id();
        TestServer.Answer answer =
            server.post(
                "/api/cases/" + c.id() + "/reveal",
                CREDENTIALS.get(who.name()),
                Map.of("ref", 0, "justification", "ticket SEC-42: customer asked for a copy"));
        if (!Oracle.permissions(who).contains("reveal")) {
          assertThat(answer.status()).as(what).isEqualTo(403);
          continue;
        }
        assertThat(answer.status()).as(what).isEqualTo(Oracle.sees(who, c) ? 200 : 404);
        TestServer.Answer withoutReason =
            server.post(
                "/api/cases/" + c.id() + "/reveal",
                CREDENTIALS.get(who.name()),
                Map.of("ref", 0, "justification", "x"));
        assertThat(withoutReason.status()).as(what + " without a reason").isEqualTo(400);
      }
    }
    // What a revealer gets back is the original, which nobody else ever sees.
    Who dpo = PRINCIPALS.stream().filter(w -> w.name().equals("dpo")).findFirst().orElseThrow();
    Set<String> revealed = new TreeSet<>();
    JsonNode sealed = server.get("/api/cases/CASE-1", CREDENTIALS.get(dpo.name())).json();
    for (JsonNode ref : sealed.get("sealed")) {
      revealed.add(
          server
              .post(
                  "/api/cases/CASE-1/reveal",
                  CREDENTIALS.get(dpo.name()),
                  Map.of("ref", ref.get("ref").intValue(), "justification", "ticket SEC-42 copy"))
              .json()
              .get("value")
              .textValue());
    }
    assertThat(revealed).contains("one@example.com");
  }

  @Test
  void administrationNeedsTheAdminPermission() throws IOException {
    for (Who who : everyone()) {
      boolean admin = Oracle.permissions(who).contains("admin");
      String credential = CREDENTIALS.get(who.name());
      assertThat(server.get("/api/admin/users", credential).status())
          .as(who.name())
          .isEqualTo(admin ? 200 : 403);
      assertThat(server.get("/api/admin/keys", credential).status())
          .as(who.name())
          .isEqualTo(admin ? 200 : 403);
      assertThat(server.get("/api/admin/roles", credential).status())
          .as(who.name())
          .isEqualTo(admin ? 200 : 403);
      assertThat(
              server
                  .post(
                      "/api/admin/users",
                      credential,
                      Map.of("name", "x-" + who.name(), "password", PASSWORD, "roles", List.of()))
                  .status())
          .as(who.name())
          .isEqualTo(admin ? 201 : 403);
      TestServer.Answer whoami = server.get("/api/whoami", credential);
      assertThat(whoami.status()).isEqualTo(200);
      Set<String> permissions = new TreeSet<>();
      whoami.json().get("permissions").forEach(p -> permissions.add(p.textValue()));
      assertThat(permissions).as(who.name()).isEqualTo(Oracle.permissions(who));
    }
  }

  @Test
  void everyEndpointRefusesAnonymousCallers() throws IOException {
    for (String path :
        List.of(
            "/api/whoami",
            "/api/cases/CASE-1",
            "/api/admin/users",
            "/api/admin/keys",
            "/api/admin/roles")) {
      assertThat(server.get(path, null).status()).as(path).isEqualTo(401);
    }
    for (String path : List.of("/api/search", "/api/cases/CASE-1/reveal", "/api/admin/users")) {
      assertThat(server.post(path, null, Map.of()).status()).as(path).isEqualTo(401);
    }
    TestServer.Answer health = server.get("/api/health", null);
    assertThat(health.status()).isEqualTo(200);
    // The verdict only: no node, shard or case figures for an anonymous caller.
    assertThat(health.json().properties()).hasSize(1);
    assertThat(health.json().get("status").textValue()).isEqualTo("ok");
    assertThat(server.get("/api/openapi.json", null).status()).isEqualTo(200);
  }

  private static Set<String> ids(JsonNode hits) {
    Set<String> ids = new TreeSet<>();
    hits.forEach(h -> ids.add(h.get("id").textValue()));
    return ids;
  }

  private static Map<String, Long> counts(JsonNode facet) {
    Map<String, Long> counts = new TreeMap<>();
    if (facet != null) {
      facet.properties().forEach(e -> counts.put(e.getKey(), e.getValue().longValue()));
    }
    return counts;
  }
}
