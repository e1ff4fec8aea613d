package dev.casevault.access;

import dev.casevault.core.CaseVaultException;

/** The caller's roles do not grant what the request needs. The message names the permission. */
public final class AccessDeniedException extends CaseVaultException {
  private final Permission permission;

  public AccessDeniedException(Permission permission) {
    super("the " + permission.wireName() + " permission is needed");
    this.permission = permission;
  }

  public Permission permission() {
    return permission;
  }
}
