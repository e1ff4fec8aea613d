package dev.casevault.store;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.SupportCase;
import java.util.List;

/** What a scope lets a reader see of one case; shared by every backend so they all agree. */
public final class CaseViews {
  private CaseViews() {}

  /**
   * The case with every field the scope hides removed: hidden text becomes empty, hidden lists
   * become empty, hidden optional values (and hidden customer and agent records) become null.
   */
  public static SupportCase restrict(SupportCase c, AccessScope scope) {
    List<Note> notes =
        c.notes().stream()
            .filter(
                note ->
                    scope.canSee(
                        note.visibility() == NoteVisibility.CONFIDENTIAL
                            ? CaseField.CONFIDENTIAL_NOTES
                            : CaseField.INTERNAL_NOTES))
            .toList();
    return new SupportCase(
        c.id(),
        c.created(),
        c.updated(),
        c.status(),
        c.product(),
        c.channel(),
        c.language(),
        scope.canSee(CaseField.REGION) ? c.region() : null,
        scope.canSee(CaseField.TEAM) ? c.team() : null,
        scope.canSee(CaseField.TAGS) ? c.tags() : List.of(),
        scope.canSeeIdentities() ? c.customer() : null,
        scope.canSeeIdentities() ? c.agent() : null,
        scope.canSee(CaseField.SUBJECT) ? c.subject() : "",
        scope.canSee(CaseField.DESCRIPTION) ? c.description() : "",
        scope.canSee(CaseField.MESSAGES) ? c.messages() : List.of(),
        notes);
  }
}
