package dev.casevault.audit;

import dev.casevault.core.WireEnum;

/** What an audit event records; the wire name is what the log, searches and exports carry. */
public enum AuditAction implements WireEnum {
  LOGIN("auth.login", OcsfActivity.CONNECT),
  AUTHENTICATION_FAILED("auth.failed", OcsfActivity.CONNECT),
  SEARCH("case.search", OcsfActivity.QUERY),
  SUGGEST("case.suggest", OcsfActivity.QUERY),
  READ("case.read", OcsfActivity.READ),
  REVEAL("case.reveal", OcsfActivity.DECRYPT),
  EXPORT("case.export", OcsfActivity.READ),
  INGEST("case.ingest", OcsfActivity.WRITE),
  USER_ADDED("admin.user_added", OcsfActivity.CREATE),
  USER_REMOVED("admin.user_removed", OcsfActivity.DELETE),
  PASSWORD_CHANGED("admin.password_changed", OcsfActivity.UPDATE),
  KEY_CREATED("admin.key_created", OcsfActivity.CREATE),
  KEY_REVOKED("admin.key_revoked", OcsfActivity.DELETE),
  PRINCIPAL_UNLOCKED("admin.principal_unlocked", OcsfActivity.UPDATE),
  POLICY_LOADED("admin.policy_loaded", OcsfActivity.UPDATE),
  ACCESS_DENIED("access.denied", OcsfActivity.OTHER),
  BULK_READ_ALERT("guard.alert", OcsfActivity.OTHER),
  CANARIES_PLANTED("guard.canaries_planted", OcsfActivity.CREATE),
  AUDIT_READ("audit.read", OcsfActivity.READ);

  private final String wireName;
  private final OcsfActivity ocsf;

  AuditAction(String wireName, OcsfActivity ocsf) {
    this.wireName = wireName;
    this.ocsf = ocsf;
  }

  @Override
  public String wireName() {
    return wireName;
  }

  /** The OCSF Datastore Activity (class 6005) activity this action maps to. */
  public OcsfActivity ocsf() {
    return ocsf;
  }

  /** Whether the action returns case data (and so counts towards "who saw what"). */
  public boolean readsCaseData() {
    return this == SEARCH || this == SUGGEST || this == READ || this == REVEAL || this == EXPORT;
  }

  /** OCSF 1.x Datastore Activity activity ids. */
  public enum OcsfActivity {
    OTHER(99, "Other"),
    READ(1, "Read"),
    UPDATE(2, "Update"),
    CONNECT(3, "Connect"),
    QUERY(4, "Query"),
    WRITE(5, "Write"),
    CREATE(6, "Create"),
    DELETE(7, "Delete"),
    DECRYPT(10, "Decrypt");

    private final int id;
    private final String label;

    OcsfActivity(int id, String label) {
      this.id = id;
      this.label = label;
    }

    public int id() {
      return id;
    }

    public String label() {
      return label;
    }
  }
}
