package dev.casevault.service;

import dev.casevault.audit.Actor;
import java.util.Objects;

/**
 * Who asks, for the audit log and the bulk-read guard: every read of {@link CaseVault} takes one,
 * so no adapter can read without saying who reads.
 *
 * @param policyVersion the version of the access policy that compiled the scope, or null for the
 *     data directory's owner on this machine (no policy applies)
 */
public record Requester(Actor actor, String policyVersion) {
  public Requester {
    Objects.requireNonNull(actor, "actor");
  }

  /** The owner of the data directory, running a command on this machine. */
  public static Requester localOwner() {
    return new Requester(Actor.localOwner(), null);
  }
}
