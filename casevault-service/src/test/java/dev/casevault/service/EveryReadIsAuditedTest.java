package dev.casevault.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.access.AccessScope;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service's shape keeps reads audited: every public method that reads within an access scope
 * must be told who reads and must hand back its answer with an audit receipt. A new read method
 * that forgets either fails here, before any adapter can call it.
 */
class EveryReadIsAuditedTest {
  @Test
  void everyScopedReadTakesARequesterAndReturnsAnAuditedAnswer() {
    List<Method> scopedReads =
        Arrays.stream(CaseVault.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()))
            .filter(m -> Arrays.asList(m.getParameterTypes()).contains(AccessScope.class))
            .toList();
    assertThat(scopedReads)
        .extracting(Method::getName)
        .containsExactlyInAnyOrder(
            "search", "read", "reveal", "suggest", "count", "export", "migrate");
    for (Method read : scopedReads) {
      assertThat(read.getParameterTypes()).as(read.getName()).contains(Requester.class);
      assertThat(read.getReturnType()).as(read.getName()).isEqualTo(Audited.class);
    }
  }
}
