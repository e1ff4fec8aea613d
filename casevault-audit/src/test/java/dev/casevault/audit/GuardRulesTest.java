package dev.casevault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.audit.GuardRules.Caps;
import dev.casevault.core.CaseVaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardRulesTest {
  @TempDir Path temp;

  @Test
  void theBuiltInCapsAreThoseOfTheIssue() {
    GuardRules rules = GuardRules.defaults();
    assertThat(rules.window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(rules.roles())
        .containsEntry("agent", new Caps(500, 100, 20))
        .containsEntry("supervisor", new Caps(5000, 5000, 50))
        .containsEntry("privacy-officer", new Caps(2000, 2000, 200))
        .containsEntry("auditor", new Caps(200, 200, 0))
        .containsEntry("admin", new Caps(500, 100, 20))
        .containsEntry("ingester", new Caps(0, 0, 0))
        .hasSize(6);
    assertThat(rules.defaultCaps()).isEqualTo(new Caps(300, 100, 10));
  }

  @Test
  void severalRolesGetTheLargestCapOfEachCounter() {
    GuardRules rules = GuardRules.defaults();
    assertThat(rules.capsFor(List.of("agent", "auditor"))).isEqualTo(new Caps(500, 200, 20));
    assertThat(rules.capsFor(List.of("auditor", "privacy-officer")))
        .isEqualTo(new Caps(2000, 2000, 200));
    assertThat(rules.capsFor(List.of("ingester"))).isEqualTo(new Caps(0, 0, 0));
    assertThat(rules.capsFor(List.of("ingester", "customer"))).isEqualTo(new Caps(300, 100, 10));
    assertThat(rules.capsFor(List.of("customer"))).isEqualTo(rules.defaultCaps());
    assertThat(rules.capsFor(List.of())).isEqualTo(rules.defaultCaps());
  }

  @Test
  void aFileReplacesTheRolesItNamesAndKeepsTheOthers() throws Exception {
    Path file = temp.resolve("guard-rules.json");
    Files.writeString(
        file,
        """
        {"version": 1, "window_minutes": 5,
         "roles": {"agent": {"cases": 50, "customers": 10, "reveals": 0},
                   "analyst": {"cases": 1000000, "customers": 7, "reveals": 1}},
         "default": {"cases": 30, "customers": 20, "reveals": 0}}
        """,
        StandardCharsets.UTF_8);
    GuardRules rules = GuardRules.read(file);
    assertThat(rules.window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(rules.roles())
        .containsEntry("agent", new Caps(50, 10, 0))
        .containsEntry("analyst", new Caps(GuardRules.MAX_CAP, 7, 1))
        .containsEntry("supervisor", new Caps(5000, 5000, 50));
    assertThat(rules.capsFor(List.of("nobody"))).isEqualTo(new Caps(30, 20, 0));
  }

  @Test
  void noFileMeansTheBuiltInRules() throws Exception {
    GuardRules rules = GuardRules.read(temp.resolve("absent.json"));
    assertThat(rules.roles()).isEqualTo(GuardRules.defaults().roles());
    assertThat(GuardRules.parse("{\"version\":1}", "f").defaultCaps())
        .isEqualTo(GuardRules.defaults().defaultCaps());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"version":1,"roles":{"agent":{"cases":-1,"customers":1,"reveals":1}}}       | f: roles.agent.cases: must be a whole number >= 0
          {"version":1,"roles":{"agent":{"cases":"many","customers":1,"reveals":1}}}   | f: roles.agent.cases: must be a whole number >= 0
          {"version":1,"roles":{"agent":{"cases":1.5,"customers":1,"reveals":1}}}      | f: roles.agent.cases: must be a whole number >= 0
          {"version":1,"roles":{"agent":{"cases":null,"customers":1,"reveals":1}}}     | f: roles.agent.cases: must be a whole number >= 0
          {"version":1,"roles":{"agent":{"cases":1,"customers":true,"reveals":1}}}     | f: roles.agent.customers: must be a whole number >= 0
          {"version":1,"roles":{"agent":{"cases":1,"customers":1,"reveals":1000001}}}  | f: roles.agent.reveals: must be at most 1000000 (a cap cannot be unlimited)
          {"version":1,"roles":{"agent":{"cases":1,"customers":1,"reveals":1e30}}}    | f: roles.agent.reveals: must be a whole number >= 0
          {"version":1,"roles":{"agent":{"cases":1,"customers":1}}}                    | f: roles.agent.reveals: required (a whole number >= 0)
          {"version":1,"roles":{"agent":{"cases":1,"customers":1,"reveals":1,"x":1}}}  | f: roles.agent.x: unknown key; known here: cases, customers, reveals
          {"version":1,"roles":{"agent":[1,2,3]}}                                      | f: roles.agent: must be an object with cases, customers and reveals
          {"version":1,"roles":{"Agent!":{"cases":1,"customers":1,"reveals":1}}}       | f: roles.Agent!: a role name is 1 to 64 of a-z, 0-9, '_' and '-', from a letter
          {"version":1,"roles":[]}                                                     | f: roles: must be an object of role name to caps
          {"version":1,"default":{"cases":1,"customers":-5,"reveals":1}}               | f: default.customers: must be a whole number >= 0
          {"version":1,"default":"off"}                                                | f: default: must be an object with cases, customers and reveals
          {"version":1,"window_minutes":0}                                             | f: window_minutes: must be from 1 to 1440 (a window of 0 would count nothing)
          {"version":1,"window_minutes":"10"}                                          | f: window_minutes: must be a whole number >= 0
          {"version":1,"enabled":false}                                                | f: enabled: unknown key; known here: default, roles, version, window_minutes
          {"roles":{}}                                                                 | f: version: required, and must be 1
          {"version":2}                                                                | f: version: required, and must be 1
          []                                                                           | f: must be a JSON object
          """)
  void badRulesAreRefusedNamingTheirJsonPath(String json, String message) {
    assertThatThrownBy(() -> GuardRules.parse(json, "f"))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage(message);
  }

  @Test
  void invalidJsonIsRefusedWithItsPosition() {
    assertThatThrownBy(() -> GuardRules.parse("{\"version\":1,", "rules.json"))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith("rules.json:1:")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void capsOutsideTheirRangeCannotBeBuilt() {
    assertThatThrownBy(() -> new Caps(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Caps(0, GuardRules.MAX_CAP + 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
