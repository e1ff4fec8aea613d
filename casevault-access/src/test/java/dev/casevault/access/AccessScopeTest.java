package dev.casevault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessScopeTest {
  @Test
  void aRestrictedScopeSeesTheHeaderAndWhatItNamesNothingElse() {
    AccessScope scope =
        AccessScope.restrictedTo(
            new CaseQuery.Term(CaseField.REGION, "EMEA"), Set.of(CaseField.SUBJECT));
    assertThat(scope.visibleFields())
        .containsExactlyInAnyOrderElementsOf(
            union(AccessScope.HEADER_FIELDS, Set.of(CaseField.SUBJECT)));
    assertThat(scope.canSee(CaseField.CONFIDENTIAL_NOTES)).isFalse();
    assertThat(scope.canSee(CaseField.MESSAGES)).isFalse();
    assertThat(scope.canSeeIdentities()).isFalse();
    assertThat(scope.documentFilter()).isEqualTo(new CaseQuery.Term(CaseField.REGION, "EMEA"));
  }

  @Test
  void groupsAreNotFieldsAScopeCanGrant() {
    assertThatThrownBy(() -> AccessScope.restrictedTo(CaseQuery.matchAll(), Set.of(CaseField.TEXT)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> AccessScope.restrictedTo(CaseQuery.matchAll(), Set.of(CaseField.NOTES)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTemporaryUnrestrictedScopeSeesEverything() {
    AccessScope scope = AccessScope.dataDirectoryOwner();
    for (CaseField field : CaseField.values()) {
      assertThat(scope.canSee(field)).isEqualTo(field.isConcrete());
    }
    assertThat(scope.canSeeIdentities()).isTrue();
    assertThat(scope.documentFilter()).isEqualTo(CaseQuery.matchAll());
    assertThat(scope.isDataDirectoryOwner()).isTrue();
  }

  @Test
  void aPolicyScopeThatSeesAsMuchIsStillNotTheOwners() {
    java.util.EnumSet<CaseField> all = java.util.EnumSet.noneOf(CaseField.class);
    for (CaseField field : CaseField.values()) {
      if (field.isConcrete()) {
        all.add(field);
      }
    }
    AccessScope compiled = AccessScope.compiled(CaseQuery.matchAll(), all, true);
    assertThat(compiled.canSeeIdentities()).isTrue();
    assertThat(compiled.isDataDirectoryOwner()).isFalse();
  }

  private static Set<CaseField> union(Set<CaseField> a, Set<CaseField> b) {
    java.util.EnumSet<CaseField> all = java.util.EnumSet.copyOf(a);
    all.addAll(b);
    return all;
  }
}
