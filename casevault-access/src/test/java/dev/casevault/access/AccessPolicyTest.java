package dev.casevault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  private static AccessPolicy parse(String json) {
    return AccessPolicy.parse(json, "policy.json");
  }

  private static Principal principal(Set<String> roles, Map<String, List<String>> attributes) {
    return new Principal("user:t", Principal.AuthenticationMethod.PASSWORD, roles, attributes);
  }

  @Test
  void theBuiltInPolicyLoadsAndExplainsEveryRole() {
    AccessPolicy policy = AccessPolicy.defaults();
    assertThat(policy.roles().keySet())
        .containsExactly(
            "admin", "supervisor", "agent", "privacy-officer", "auditor", "ingester", "customer");
    assertThat(policy.explain()).contains("agent").contains("team = the principal's team");
  }

  @Test
  void badPoliciesAreRefusedWithTheirPath() {
    assertThatThrownBy(() -> parse("{\"roles\": {}}"))
        .isInstanceOf(AccessPolicy.PolicyException.class)
        .hasMessage(
            "policy.json: version: required, a whole number from 1 (raise it with every change)");
    assertThatThrownBy(() -> parse("{\"version\": 1, \"roles\": {}, \"rolse\": 1}"))
        .hasMessageContaining("policy.json: rolse: unknown key");
    assertThatThrownBy(
            () -> parse("{\"version\": 1, \"roles\": {\"a\": {\"permissions\": [\"serch\"]}}}"))
        .hasMessageContaining("roles.a.permissions: unknown permission 'serch'");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"version\": 1, \"roles\": {\"a\": {\"permissions\": [\"search\"],"
                        + " \"cases\": [{\"teem\": \"x\"}]}}}"))
        .hasMessageContaining("roles.a.cases[0].teem: unknown case field");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"version\": 1, \"roles\": {\"a\": {\"permissions\": [\"search\"],"
                        + " \"cases\": [{\"team\": {\"attribute\": \"email\"}}]}}}"))
        .hasMessageContaining("roles.a.cases[0].team.attribute: unknown principal attribute");
    assertThatThrownBy(
            () -> parse("{\"version\": 1, \"roles\": {\"a\": {\"permissions\": [\"search\"]}}}"))
        .hasMessageContaining("roles.a.cases: a role that searches or reads cases must say which");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"version\": 1, \"roles\": {\"a\": {\"permissions\": [\"read\"],"
                        + " \"cases\": [{\"all\": true}], \"fields\": [\"confidential_notes\"]}}}"))
        .hasMessageContaining("needs the read_confidential permission");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"version\": 1, \"roles\": {\"a\": {\"permissions\": [\"read\"],"
                        + " \"cases\": [{\"all\": true}], \"fields\": [\"customer.email\"]}}}"))
        .hasMessageContaining("'customer.email' cannot be granted");
    assertThatThrownBy(() -> parse("{\"version\": 1, \"roles\": {\"a\": "))
        .hasMessageStartingWith("policy.json:1:")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void aDefaultRoleGrantingEveryCaseIsAWildcardGrantAndRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    "{\"version\": 1, \"default_roles\": [\"all\"], \"roles\": {\"all\":"
                        + " {\"permissions\": [\"search\"], \"cases\": [{\"all\": true}]}}}"))
        .hasMessageContaining("default_roles[0]")
        .hasMessageContaining("wildcard grant");
    AccessPolicy narrow =
        parse(
            "{\"version\": 1, \"default_roles\": [\"own\"], \"roles\": {\"own\":"
                + " {\"permissions\": [\"search\"], \"cases\": [{\"customer.id\": {\"attribute\":"
                + " \"customer\"}}]}}}");
    assertThat(narrow.allows(principal(Set.of(), Map.of()), Permission.SEARCH)).isTrue();
  }

  @Test
  void rulesCompileIntoTermsAndAMissingAttributeMatchesNothing() {
    AccessPolicy policy = AccessPolicy.defaults();
    AccessScope scope =
        policy.scope(
            principal(Set.of("agent"), Map.of("team", List.of("t1 OR *:*"), "agent", List.of())),
            Permission.SEARCH,
            AccessPolicy.StoredForm.AS_GIVEN);
    // An attribute value is a term, whatever it contains; the empty agent list adds no clause.
    assertThat(scope.documentFilter()).isEqualTo(new CaseQuery.Term(CaseField.TEAM, "t1 OR *:*"));
    assertThat(scope.canSee(CaseField.CONFIDENTIAL_NOTES)).isFalse();
    assertThat(scope.canSeeIdentities()).isFalse();

    AccessScope none =
        policy.scope(
            principal(Set.of("agent"), Map.of()),
            Permission.SEARCH,
            AccessPolicy.StoredForm.AS_GIVEN);
    assertThat(none.documentFilter()).isEqualTo(new CaseQuery.Not(CaseQuery.matchAll()));

    assertThatThrownBy(
            () ->
                policy.scope(
                    principal(Set.of("auditor", "no-such-role"), Map.of()),
                    Permission.READ,
                    AccessPolicy.StoredForm.AS_GIVEN))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("the read permission is needed");
  }
}
