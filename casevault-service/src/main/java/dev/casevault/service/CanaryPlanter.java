package dev.casevault.service;

import dev.casevault.access.AccessScope;
import dev.casevault.audit.Canaries;
import dev.casevault.core.Author;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Status;
import dev.casevault.core.SupportCase;
import dev.casevault.redaction.CaseQuarantinedException;
import dev.casevault.redaction.Redactor;
import dev.casevault.store.CaseStore;
import dev.casevault.store.Hit;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SortOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes decoy cases that nobody is assigned to: their ids and dates are shaped after a sample of
 * real cases ({@link Canaries#plan}), their product, channel and language copied from a real case,
 * their text a plain, closed request. No team, region, agent or customer: no agent's scope ever
 * holds one, so only a reader sweeping beyond their own cases meets them.
 */
final class CanaryPlanter {
  /** Sample ids from each end of the archive and from its index order. */
  private static final int SAMPLE_PER_ORDER = 500;

  private static final AccessScope STORE = AccessScope.dataDirectoryOwner();

  private final CaseStore store;
  private final Redactor redactor;
  private final SecureRandom random = new SecureRandom();

  CanaryPlanter(CaseStore store, Redactor redactor) {
    this.store = store;
    this.redactor = redactor;
  }

  /**
   * Plans and stores decoys so that {@code canaries} holds {@link Canaries#wanted} of {@code
   * realCases}, and adds them to it.
   *
   * @return the number planted
   */
  int plant(Canaries canaries, long realCases) throws IOException {
    Map<String, Hit> sample = new LinkedHashMap<>();
    for (SortOrder order : List.of(SortOrder.OLDEST, SortOrder.NEWEST, SortOrder.RELEVANCE)) {
      SearchRequest request =
          SearchRequest.of(CaseQuery.matchAll()).withSort(order).withSize(SAMPLE_PER_ORDER);
      for (Hit hit : store.search(request, STORE).hits()) {
        if (!canaries.isCanary(hit.id().value())) {
          sample.putIfAbsent(hit.id().value(), hit);
        }
      }
    }
    List<Hit> hits = new ArrayList<>(sample.values());
    List<Canaries.Canary> planned =
        canaries.plan(
            hits.stream().map(h -> h.id().value()).toList(),
            hits.stream().map(Hit::created).toList(),
            realCases,
            random,
            this::stored);
    for (Canaries.Canary canary : planned) {
      SupportCase model =
          store.get(hits.get(random.nextInt(hits.size())).id(), STORE).orElseThrow();
      try {
        store.put(redactor.redact(decoy(canary, model)));
      } catch (CaseQuarantinedException e) {
        throw new IllegalStateException("a decoy case was quarantined: " + e.getMessage(), e);
      }
    }
    if (!planned.isEmpty()) {
      store.commit();
      canaries.add(planned);
    }
    return planned.size();
  }

  private boolean stored(String id) {
    try {
      return CaseId.isValid(id) && store.get(new CaseId(id), STORE).isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SupportCase decoy(Canaries.Canary canary, SupportCase model) {
    boolean french = model.language() == Language.FR;
    String subject =
        french
            ? "Connexion impossible après changement de mot de passe"
            : "Cannot sign in after changing password";
    String description =
        french
            ? "Le client ne parvient plus à se connecter depuis le changement de son mot de passe."
            : "The customer cannot sign in since changing their password yesterday.";
    String reply =
        french
            ? "Nous avons réinitialisé la session ; la connexion fonctionne de nouveau."
            : "We reset the session on our side; signing in works again.";
    return new SupportCase(
        new CaseId(canary.caseId()),
        canary.created(),
        canary.created().plus(Duration.ofDays(2)),
        Status.CLOSED,
        model.product(),
        model.channel(),
        model.language(),
        null,
        null,
        List.of(),
        null,
        null,
        subject,
        description,
        List.of(new Message(canary.created().plus(Duration.ofHours(3)), Author.AGENT, reply)),
        List.of());
  }
}
