package dev.casevault.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.casevault.access.AccessPolicy;
import dev.casevault.access.AccessScope;
import dev.casevault.access.ApiKeys;
import dev.casevault.access.LocalUsers;
import dev.casevault.access.Permission;
import dev.casevault.access.Principal;
import dev.casevault.audit.Actor;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEvents;
import dev.casevault.audit.AuditLogException;
import dev.casevault.audit.AuditProofs;
import dev.casevault.audit.AuditQuery;
import dev.casevault.audit.AuditTarget;
import dev.casevault.audit.IncidentReport;
import dev.casevault.audit.Receipt;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.QueryParser;
import dev.casevault.core.QuerySyntaxException;
import dev.casevault.core.SupportCase;
import dev.casevault.core.WireEnum;
import dev.casevault.json.CaseJsonWriter;
import dev.casevault.redaction.SealedValue;
import dev.casevault.service.Audited;
import dev.casevault.service.CaseRead;
import dev.casevault.service.CaseVault;
import dev.casevault.service.IngestListener;
import dev.casevault.service.IngestOptions;
import dev.casevault.service.IngestReport;
import dev.casevault.service.Requester;
import dev.casevault.store.Hit;
import dev.casevault.store.InvalidCursorException;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SearchResult;
import dev.casevault.store.SortOrder;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON endpoints. Each handler reads the principal that {@link Server} authenticated, asks the
 * {@link AccessPolicy} for the permission and scope it needs, and calls the service; no handler
 * reads a store.
 */
final class Api {
  /** Hits per page without the export permission, and with it. */
  static final int MAX_PAGE = 100;

  static final int MAX_EXPORT_PAGE = SearchRequest.MAX_SIZE;
  static final int MAX_FACET_VALUES = 100;
  static final int MAX_QUERY_LENGTH = 4096;
  static final int MIN_JUSTIFICATION = 10;
  static final Duration BODY_DEADLINE = Duration.ofSeconds(10);

  static final ObjectMapper JSON = new ObjectMapper();

  private final CaseVault vault;
  private final AccessPolicy policy;
  private final PasswordLogins passwords;
  private final LocalUsers users;
  private final ApiKeys keys;
  private final Sessions sessions;
  private final java.util.function.Supplier<IngestOptions> ingestOptions;
  private final AccessPolicy.StoredForm storedForm;
  private final HealthCheck health;

  /**
   * @param ingestOptions options for each upload (each gets a new reject file)
   */
  Api(
      CaseVault vault,
      AccessPolicy policy,
      PasswordLogins passwords,
      ApiKeys keys,
      Sessions sessions,
      java.util.function.Supplier<IngestOptions> ingestOptions) {
    this.vault = vault;
    this.health = new HealthCheck(vault);
    this.policy = policy;
    this.passwords = passwords;
    this.users = passwords.users();
    this.keys = keys;
    this.sessions = sessions;
    this.ingestOptions = ingestOptions;
    this.storedForm = vault.storedForm();
  }

  static Principal principal(Context ctx) {
    return ctx.attribute(Server.PRINCIPAL);
  }

  private AccessScope scope(Context ctx, Permission permission) {
    return policy.scope(principal(ctx), permission, storedForm);
  }

  static final String RECEIPT_HEADER = "Casevault-Audit-Receipt";

  /** Who asks: the authenticated principal, from where, under which policy version. */
  Requester requester(Context ctx) {
    return new Requester(actor(ctx, principal(ctx)), String.valueOf(policy.version()));
  }

  static Actor actor(Context ctx, Principal principal) {
    return new Actor(
        principal.id(),
        principal.method().name().toLowerCase(java.util.Locale.ROOT),
        List.copyOf(principal.roles()),
        ctx.req().getRemoteAddr(),
        ctx.header("User-Agent"));
  }

  /** Someone not (yet) authenticated, for failed logins and refused credentials. */
  static Actor anonymous(Context ctx, String id) {
    return new Actor(id, "none", List.of(), ctx.req().getRemoteAddr(), ctx.header("User-Agent"));
  }

  private <T> T receipt(Context ctx, Audited<T> audited) {
    ctx.header(RECEIPT_HEADER, audited.receipt().header());
    return audited.value();
  }

  /** Records an administrative change by the requester; the change is made, so it must be known. */
  private void recordChange(Context ctx, AuditAction action, Map<String, String> details) {
    Receipt receipt =
        vault.record(
            AuditEvent.of(
                    action,
                    AuditEvent.Outcome.SUCCESS,
                    actor(ctx, principal(ctx)),
                    String.valueOf(policy.version()))
                .withTarget(AuditTarget.details(details)));
    ctx.header(RECEIPT_HEADER, receipt.header());
  }

  private void require(Context ctx, Permission permission) {
    if (!policy.allows(principal(ctx), permission)) {
      throw new dev.casevault.access.AccessDeniedException(permission);
    }
  }

  /** 200 while cases can be read (a degraded cluster still answers), 503 when they cannot. */
  void health(Context ctx) {
    dev.casevault.store.StoreHealth.Status status = health.status();
    if (status == dev.casevault.store.StoreHealth.Status.UNAVAILABLE) {
      ctx.status(503);
    }
    send(ctx, JSON.createObjectNode().put("status", status.wireName()));
  }

  void login(Context ctx) {
    JsonNode body = body(ctx, Set.of("user", "password"));
    String user = requiredText(body, "user", 64);
    char[] password = requiredText(body, "password", 1024).toCharArray();
    Principal principal;
    try {
      principal = passwords.check(ctx.req().getRemoteAddr(), user, password);
    } catch (dev.casevault.access.AuthenticationFailedException e) {
      // A name that is no user may be a password typed in the wrong box: it is not recorded.
      boolean known = users.list().stream().anyMatch(u -> u.name().equals(user));
      vault.record(
          AuditEvent.of(
                  AuditAction.AUTHENTICATION_FAILED,
                  AuditEvent.Outcome.DENIED,
                  anonymous(ctx, known ? "user:" + user : "unknown-user"),
                  String.valueOf(policy.version()))
              .withReason(e.reason()));
      throw e;
    }
    if (vault.isLocked(principal.id())) {
      // The same answer as a wrong password: a locked account must not confirm its password.
      throw refusedAsLocked(ctx, vault, principal, String.valueOf(policy.version()));
    }
    ctx.header(
        RECEIPT_HEADER,
        vault
            .record(
                AuditEvent.of(
                    AuditAction.LOGIN,
                    AuditEvent.Outcome.SUCCESS,
                    actor(ctx, principal),
                    String.valueOf(policy.version())))
            .header());
    vault.reauthenticated(principal.id());
    Sessions.Issued session = sessions.open(principal, users.stamp(user));
    send(
        ctx,
        JSON.createObjectNode()
            .put("token", session.token())
            .put("expires", session.expires().toString()));
  }

  void logout(Context ctx) {
    String token = Server.bearer(ctx);
    if (token != null && token.startsWith(Sessions.PREFIX)) {
      sessions.close(token);
    }
    ctx.status(204);
  }

  void whoami(Context ctx) {
    Principal principal = principal(ctx);
    ObjectNode out = JSON.createObjectNode();
    out.put("id", principal.id());
    out.put("method", principal.method().name().toLowerCase(java.util.Locale.ROOT));
    ArrayNode roles = out.putArray("roles");
    new TreeSet<>(principal.roles()).forEach(roles::add);
    ArrayNode permissions = out.putArray("permissions");
    policy.permissions(principal).forEach(p -> permissions.add(p.wireName()));
    out.set("attributes", JSON.valueToTree(principal.attributes()));
    out.put("policy_version", policy.version());
    send(ctx, out);
  }

  void changePassword(Context ctx) throws IOException {
    Principal principal = principal(ctx);
    if (principal.method() != Principal.AuthenticationMethod.PASSWORD
        || !principal.id().startsWith("user:")) {
      throw ApiException.badRequest("only local users have a password here");
    }
    JsonNode body = body(ctx, Set.of("current", "new"));
    String name = principal.id().substring("user:".length());
    passwords.check(
        ctx.req().getRemoteAddr(), name, requiredText(body, "current", 1024).toCharArray());
    char[] replacement = requiredText(body, "new", 1024).toCharArray();
    // Recorded before it is made: a change the log cannot hold is not made.
    recordChange(ctx, AuditAction.PASSWORD_CHANGED, Map.of("user", name));
    users.setPassword(name, replacement);
    sessions.closeAll(principal.id());
    ctx.status(204);
  }

  void search(Context ctx) throws IOException {
    JsonNode body =
        body(ctx, Set.of("query", "filters", "facets", "facet_size", "size", "sort", "after"));
    boolean export = policy.allows(principal(ctx), Permission.EXPORT);
    AccessScope scope = scope(ctx, Permission.SEARCH);
    SearchRequest request = searchRequest(body, export ? MAX_EXPORT_PAGE : MAX_PAGE);
    SearchResult result;
    try {
      result = receipt(ctx, vault.search(request, scope, requester(ctx)));
    } catch (InvalidCursorException e) {
      throw ApiException.badRequest("after: not a cursor of this search; start again without it");
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("total", result.total());
    ArrayNode hits = out.putArray("hits");
    for (Hit hit : result.hits()) {
      ObjectNode h = hits.addObject();
      h.put("id", hit.id().value());
      h.put("created", hit.created().toString());
      h.put("status", hit.status().wireName());
      if (hit.subject() != null) {
        h.put("subject", hit.subject());
      }
      ObjectNode highlights = h.putObject("highlights");
      hit.highlights().forEach((field, snippet) -> highlights.put(field.queryName(), snippet));
    }
    ObjectNode facets = out.putObject("facets");
    result
        .facets()
        .forEach(
            (field, counts) -> {
              ObjectNode f = facets.putObject(field.queryName());
              counts.forEach(f::put);
            });
    out.put("next", result.next());
    send(ctx, out);
  }

  private static SearchRequest searchRequest(JsonNode body, int maxPage) {
    String text = optionalText(body, "query", MAX_QUERY_LENGTH);
    List<CaseQuery> clauses = new ArrayList<>();
    try {
      clauses.add(QueryParser.parse(text == null ? "" : text));
    } catch (QuerySyntaxException e) {
      throw ApiException.badRequest("query: " + e.getMessage());
    }
    JsonNode filters = body.get("filters");
    if (filters != null) {
      if (!filters.isObject()) {
        throw ApiException.badRequest("filters: an object of keyword field to value(s)");
      }
      for (Map.Entry<String, JsonNode> filter : filters.properties()) {
        CaseField field =
            CaseField.byQueryName(filter.getKey())
                .filter(f -> f.kind() == CaseField.Kind.KEYWORD)
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "filters: "
                                + clip(filter.getKey())
                                + " is not a keyword field; use one of "
                                + keywordFields()));
        List<CaseQuery> values = new ArrayList<>();
        for (String value : strings(filter.getValue(), "filters." + field.queryName(), 100)) {
          values.add(new CaseQuery.Term(field, value));
        }
        if (values.isEmpty()) {
          throw ApiException.badRequest("filters." + field.queryName() + ": no value");
        }
        clauses.add(values.size() == 1 ? values.getFirst() : new CaseQuery.Or(values));
      }
    }
    List<CaseField> facetFields = new ArrayList<>();
    JsonNode facets = body.get("facets");
    if (facets != null) {
      for (String name : strings(facets, "facets", CaseField.values().length)) {
        facetFields.add(
            CaseField.byQueryName(name)
                .filter(CaseField::isFacetable)
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "facets: cannot count "
                                + clip(name)
                                + "; facets: "
                                + String.join(
                                    ", ",
                                    CaseField.facetable().stream()
                                        .map(CaseField::queryName)
                                        .toList()))));
      }
    }
    int size = number(body, "size", 0, maxPage, 10);
    int facetSize = number(body, "facet_size", 1, MAX_FACET_VALUES, 10);
    String sortName = optionalText(body, "sort", 32);
    SortOrder sort =
        sortName == null
            ? SortOrder.RELEVANCE
            : WireEnum.parse(SortOrder.class, sortName)
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "sort: expected one of " + WireEnum.allowed(SortOrder.class)));
    String after = optionalText(body, "after", 1024);
    CaseQuery query = clauses.size() == 1 ? clauses.getFirst() : new CaseQuery.And(clauses);
    try {
      return new SearchRequest(query, sort, size, after, facetFields, facetSize);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  /** Upload size cap: a day of a large support organisation's cases fits many times over. */
  static final long MAX_INGEST_BYTES = 1L << 30;

  /** An upload slower than this, once {@link #BODY_DEADLINE} has passed, is cut off. */
  static final long MIN_INGEST_BYTES_PER_SECOND = 16 * 1024;

  /** Reported rejections per upload; the summary counts them all. */
  static final int MAX_REPORTED_REJECTIONS = 1000;

  private final java.util.concurrent.locks.ReentrantLock ingesting =
      new java.util.concurrent.locks.ReentrantLock();

  /**
   * Streams an upload of JSON lines through the same validate → redact → store path as the CLI. The
   * answer is JSON lines: one per rejected line (number and reason, never a value) and a summary
   * last. One upload at a time.
   */
  void ingest(Context ctx) throws IOException {
    require(ctx, Permission.INGEST);
    String type = ctx.contentType();
    if (type == null
        || !(type.startsWith("application/x-ndjson") || type.startsWith("application/jsonl"))) {
      throw new ApiException(
          415, "unsupported_media_type", "send JSON lines as application/x-ndjson");
    }
    if (ctx.req().getContentLengthLong() > MAX_INGEST_BYTES) {
      throw new ApiException(413, "too_large", "an upload is at most 1 GiB; split it");
    }
    if (!ingesting.tryLock()) {
      throw new ApiException(409, "busy", "another upload is being ingested; retry later");
    }
    try {
      List<ObjectNode> rejections = new ArrayList<>();
      IngestListener listener =
          new IngestListener() {
            @Override
            public void rejected(String file, long line, String reason) {
              if (rejections.size() < MAX_REPORTED_REJECTIONS) {
                rejections.add(
                    JSON.createObjectNode()
                        .put("line", line)
                        .put("status", "rejected")
                        .put("reason", reason));
              }
            }

            @Override
            public void committed(long accepted, long rejected, long bytes, double seconds) {}
          };
      IngestReport report;
      try (InputStream body =
          new MinimumRateInputStream(
              ctx.req().getInputStream(),
              BODY_DEADLINE,
              MIN_INGEST_BYTES_PER_SECOND,
              MAX_INGEST_BYTES)) {
        report = vault.ingest("upload", body, ingestOptions.get(), listener, requester(ctx));
      } catch (MinimumRateInputStream.UploadRefusedException e) {
        // Cases of the upload that were not reported may still be indexed by the next commit;
        // the client resends the upload, and re-ingesting an id replaces the case.
        throw new ApiException(
            e.status(), e.status() == 413 ? "too_large" : "too_slow", e.getMessage());
      }
      StringBuilder out = new StringBuilder();
      for (ObjectNode rejection : rejections) {
        out.append(JSON.writeValueAsString(rejection)).append('\n');
      }
      out.append(
              JSON.writeValueAsString(
                  JSON.createObjectNode()
                      .put("status", "done")
                      .put("accepted", report.accepted())
                      .put("rejected", report.rejected())
                      .put("quarantined", report.quarantined())
                      .put("bytes", report.bytesRead())))
          .append('\n');
      ctx.contentType("application/x-ndjson");
      ctx.result(out.toString());
    } finally {
      ingesting.unlock();
    }
  }

  /**
   * Streams every case matching a query that the caller may see as JSON lines (permission export),
   * then a summary line with the number exported and the receipt of the last page's audit event.
   * Each page's event is durable before the page is written; if the log fails midway the stream
   * ends without its summary line, so a cut export cannot be mistaken for a whole one.
   */
  void export(Context ctx) throws IOException {
    require(ctx, Permission.EXPORT);
    JsonNode body = body(ctx, Set.of("query", "filters"));
    CaseQuery query = searchRequest(body, 1).query();
    AccessScope scope = scope(ctx, Permission.EXPORT);
    ctx.contentType("application/x-ndjson");
    ctx.header("Cache-Control", "no-store");
    java.io.OutputStream stream = ctx.outputStream();
    Audited<Long> exported =
        vault.export(
            query,
            scope,
            requester(ctx),
            c ->
                stream.write(
                    (CaseJsonWriter.toJson(c) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    stream.write(
        (JSON.writeValueAsString(
                    JSON.createObjectNode()
                        .put("status", "done")
                        .put("exported", exported.value())
                        .put("receipt", exported.receipt().header()))
                + "\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  void suggest(Context ctx) throws IOException {
    String prefix = ctx.queryParam("prefix");
    if (prefix == null || prefix.isBlank() || prefix.length() > 64) {
      throw ApiException.badRequest("prefix: required, 1 to 64 characters");
    }
    AccessScope scope = scope(ctx, Permission.SEARCH);
    ArrayNode out = JSON.createArrayNode();
    receipt(ctx, vault.suggest(prefix, 10, scope, requester(ctx))).forEach(out::add);
    send(ctx, JSON.createObjectNode().set("suggestions", out));
  }

  void getCase(Context ctx) throws IOException {
    CaseId id = caseId(ctx);
    AccessScope scope = scope(ctx, Permission.READ);
    boolean revealer = policy.allows(principal(ctx), Permission.REVEAL);
    CaseRead read =
        receipt(
                ctx,
                vault.read(
                    id, scope, revealer ? scope(ctx, Permission.REVEAL) : null, requester(ctx)))
            .orElseThrow(() -> ApiException.notFound("no such case"));
    SupportCase found = read.found();
    ObjectNode out = JSON.createObjectNode();
    try {
      out.set("case", JSON.readTree(CaseJsonWriter.toJson(found)));
    } catch (JacksonException e) {
      throw new IllegalStateException("the case writer wrote invalid JSON", e);
    }
    if (revealer) {
      ArrayNode sealed = out.putArray("sealed");
      List<SealedValue> values = read.sealed();
      for (int i = 0; i < values.size(); i++) {
        sealed
            .addObject()
            .put("ref", i)
            .put("field", values.get(i).field())
            .put("type", values.get(i).type().name());
      }
    }
    ctx.header("Cache-Control", "no-store");
    send(ctx, out);
  }

  void reveal(Context ctx) throws IOException {
    CaseId id = caseId(ctx);
    AccessScope scope = scope(ctx, Permission.REVEAL);
    JsonNode body = body(ctx, Set.of("ref", "justification"));
    int ref = number(body, "ref", 0, 1_000_000, -1);
    if (ref < 0) {
      throw ApiException.badRequest("ref: required, the number of a sealed value of the case");
    }
    String justification = requiredText(body, "justification", 1000);
    if (justification.strip().length() < MIN_JUSTIFICATION) {
      throw ApiException.badRequest(
          "justification: say why, in at least " + MIN_JUSTIFICATION + " characters");
    }
    Optional<String> value =
        receipt(ctx, vault.reveal(id, ref, justification.strip(), scope, requester(ctx)));
    if (value.isEmpty()) {
      throw ApiException.notFound("no such sealed value (or its customer was forgotten)");
    }
    ctx.header("Cache-Control", "no-store");
    send(ctx, JSON.createObjectNode().put("ref", ref).put("value", value.get()));
  }

  void listUsers(Context ctx) {
    require(ctx, Permission.ADMIN);
    ArrayNode out = JSON.createArrayNode();
    for (LocalUsers.User user : users.list()) {
      ObjectNode u = out.addObject();
      u.put("name", user.name());
      ArrayNode roles = u.putArray("roles");
      new TreeSet<>(user.roles()).forEach(roles::add);
      u.set("attributes", JSON.valueToTree(user.attributes()));
      u.put("created", user.created());
      u.put("initial_password", user.initial());
    }
    send(ctx, JSON.createObjectNode().set("users", out));
  }

  void addUser(Context ctx) throws IOException {
    require(ctx, Permission.ADMIN);
    JsonNode body = body(ctx, Set.of("name", "password", "roles", "attributes"));
    String name = requiredText(body, "name", 64);
    char[] password = requiredText(body, "password", 1024).toCharArray();
    Set<String> roles = roles(body);
    users.add(name, password, roles, attributes(body));
    try {
      recordChange(
          ctx,
          AuditAction.USER_ADDED,
          Map.of("user", name, "roles", String.join(",", new TreeSet<>(roles))));
    } catch (AuditLogException e) {
      users.remove(name); // a change the log cannot hold is not made
      throw e;
    }
    ctx.status(201);
    send(ctx, JSON.createObjectNode().put("name", name));
  }

  void removeUser(Context ctx) throws IOException {
    require(ctx, Permission.ADMIN);
    String name = ctx.pathParam("name");
    if (("user:" + name).equals(principal(ctx).id())) {
      throw ApiException.badRequest("you cannot remove yourself");
    }
    if (users.list().stream().noneMatch(u -> u.name().equals(name))) {
      throw ApiException.notFound("no such user");
    }
    // Recorded before it is made: a removal cannot be undone (the password hash is gone).
    recordChange(ctx, AuditAction.USER_REMOVED, Map.of("user", name));
    users.remove(name);
    sessions.closeAll("user:" + name);
    // Keys a removed administrator created go with them: nobody is left to answer for them.
    keys.revokeCreatedBy("user:" + name);
    ctx.status(204);
  }

  void listKeys(Context ctx) {
    require(ctx, Permission.ADMIN);
    ArrayNode out = JSON.createArrayNode();
    for (ApiKeys.ApiKey key : keys.list()) {
      ObjectNode k = out.addObject();
      k.put("id", key.id());
      k.put("name", key.name());
      ArrayNode roles = k.putArray("roles");
      new TreeSet<>(key.roles()).forEach(roles::add);
      k.set("attributes", JSON.valueToTree(key.attributes()));
      k.put("created_by", key.createdBy());
      k.put("created", key.created());
      k.put("expires", key.expires());
      k.put("revoked", key.revoked());
    }
    send(ctx, JSON.createObjectNode().set("keys", out));
  }

  void createKey(Context ctx) throws IOException {
    require(ctx, Permission.ADMIN);
    JsonNode body = body(ctx, Set.of("name", "roles", "attributes", "days"));
    String name = requiredText(body, "name", 100);
    int days = number(body, "days", 1, (int) ApiKeys.MAX_VALIDITY.toDays(), 90);
    Set<String> roles = roles(body);
    ApiKeys.Issued issued =
        keys.create(name, roles, attributes(body), Duration.ofDays(days), principal(ctx).id());
    try {
      recordChange(
          ctx,
          AuditAction.KEY_CREATED,
          Map.of("key", issued.key().id(), "roles", String.join(",", new TreeSet<>(roles))));
    } catch (AuditLogException e) {
      keys.revoke(issued.key().id()); // a change the log cannot hold is not made
      throw e;
    }
    ctx.status(201);
    ctx.header("Cache-Control", "no-store");
    send(
        ctx,
        JSON.createObjectNode()
            .put("id", issued.key().id())
            .put("token", issued.token())
            .put("expires", issued.key().expires())
            .put("note", "the token is shown once; store it now"));
  }

  void revokeKey(Context ctx) throws IOException {
    require(ctx, Permission.ADMIN);
    String id = ctx.pathParam("id");
    if (keys.list().stream().noneMatch(k -> k.id().equals(id))) {
      throw ApiException.notFound("no such API key");
    }
    recordChange(ctx, AuditAction.KEY_REVOKED, Map.of("key", id));
    keys.revoke(id);
    ctx.status(204);
  }

  void roles(Context ctx) {
    require(ctx, Permission.ADMIN);
    ObjectNode out = JSON.createObjectNode();
    out.put("version", policy.version());
    ObjectNode roles = out.putObject("roles");
    policy
        .roles()
        .forEach(
            (name, role) -> {
              ObjectNode r = roles.putObject(name);
              r.put("description", role.description());
              ArrayNode permissions = r.putArray("permissions");
              role.permissions().forEach(p -> permissions.add(p.wireName()));
            });
    out.put("explanation", policy.explain());
    send(ctx, out);
  }

  static final int MAX_AUDIT_EVENTS = 1000;

  /**
   * Events of the audit log matching the query parameters (permission audit), oldest first, with
   * their log index; the read is recorded first.
   */
  void auditEvents(Context ctx) throws IOException {
    require(ctx, Permission.AUDIT);
    AuditQuery query = AuditQuery.ALL;
    try {
      query =
          query
              .withPrincipal(ctx.queryParam("principal"))
              .withCase(ctx.queryParam("case"))
              .withWindow(instant(ctx, "since"), instant(ctx, "until"));
      String action = ctx.queryParam("action");
      if (action != null) {
        query = query.withActions(Set.of(AuditQuery.action(action)));
      }
      String outcome = ctx.queryParam("outcome");
      if (outcome != null) {
        query = query.withOutcome(AuditQuery.outcome(outcome));
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    int limit = intParam(ctx, "limit", 1, MAX_AUDIT_EVENTS, 100);
    AuditQuery.Selection selection = vault.auditEvents(query, limit, requester(ctx));
    ObjectNode out = JSON.createObjectNode();
    out.put("matched", selection.matched());
    out.put("scanned", selection.scanned());
    ArrayNode events = out.putArray("events");
    for (AuditEvents.Entry entry : selection.events()) {
      ObjectNode event = events.addObject();
      event.put("index", entry.index());
      event.set("event", JSON.readTree(entry.bytes()));
    }
    send(ctx, out);
  }

  /** Which cases and customers were read in a window, by whom (permission audit); recorded. */
  void incident(Context ctx) throws IOException {
    require(ctx, Permission.AUDIT);
    java.time.Instant since = instant(ctx, "since");
    java.time.Instant until = instant(ctx, "until");
    if (since == null || until == null || !since.isBefore(until)) {
      throw ApiException.badRequest("since and until: required, since before until");
    }
    IncidentReport report =
        vault.incidentReport(since, until, ctx.queryParam("principal"), requester(ctx));
    ctx.contentType("application/json");
    ctx.result(report.toJson());
  }

  /** The latest signed checkpoint and the verifier key, to keep outside (permission audit). */
  void auditCheckpoint(Context ctx) throws IOException {
    require(ctx, Permission.AUDIT);
    AuditProofs.SignedCheckpoint checkpoint =
        vault.auditCheckpoint().orElseThrow(() -> ApiException.notFound("no checkpoint yet"));
    send(
        ctx,
        JSON.createObjectNode()
            .put("checkpoint", checkpoint.note())
            .put("size", checkpoint.checkpoint().size()));
  }

  /** An entry with its inclusion proof under the latest checkpoint (permission audit); recorded. */
  void auditProof(Context ctx) throws IOException {
    require(ctx, Permission.AUDIT);
    long index = intParam(ctx, "index", 0, Integer.MAX_VALUE, -1);
    if (index < 0) {
      throw ApiException.badRequest("index: required, an entry's index (a receipt names it)");
    }
    AuditProofs.Inclusion inclusion;
    try {
      inclusion = vault.auditProof(index, requester(ctx));
    } catch (dev.casevault.core.CaseVaultException e) {
      throw new ApiException(409, "not_covered", e.getMessage());
    }
    ctx.contentType("application/json");
    ctx.result(inclusion.toJson(false));
  }

  private static java.time.Instant instant(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return null;
    }
    try {
      return value.length() == 10
          ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
          : java.time.OffsetDateTime.parse(value).toInstant();
    } catch (java.time.DateTimeException e) {
      throw ApiException.badRequest(
          name + ": expected an instant such as 2026-11-29T10:00:00Z or a date such as 2026-11-29");
    }
  }

  private static int intParam(Context ctx, String name, int min, int max, int absent) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return absent;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(name + ": a whole number from " + min + " to " + max);
  }

  /**
   * Records a locked principal's attempt and returns the refusal to throw: the answer of a failed
   * authentication, so that a locked account's credentials cannot be tested against it.
   */
  static dev.casevault.access.AuthenticationFailedException refusedAsLocked(
      Context ctx, CaseVault vault, Principal principal, String policyVersion) {
    vault.record(
        AuditEvent.of(
                AuditAction.AUTHENTICATION_FAILED,
                AuditEvent.Outcome.DENIED,
                actor(ctx, principal),
                policyVersion)
            .withTarget(AuditTarget.details(Map.of("path", route(ctx.path()))))
            .withReason("locked by the bulk-read guard"));
    return new dev.casevault.access.AuthenticationFailedException("locked by the bulk-read guard");
  }

  /**
   * The documented route a request path belongs to, for the audit log: the raw path is the client's
   * text (it may hold an e-mail address or be kilobytes long), the route is not.
   */
  static String route(String path) {
    for (String route : ROUTES) {
      if (matches(route, path)) {
        return route;
      }
    }
    return "(unknown)";
  }

  private static boolean matches(String route, String path) {
    String[] want = route.split("/", -1);
    String[] got = path.split("/", -1);
    if (want.length != got.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (!(want[i].startsWith("{") || want[i].equals(got[i]))) {
        return false;
      }
    }
    return true;
  }

  static final List<String> ROUTES =
      List.of(
          "/api/health",
          "/api/openapi.json",
          "/api/login",
          "/api/logout",
          "/api/whoami",
          "/api/me/password",
          "/api/search",
          "/api/suggest",
          "/api/ingest",
          "/api/export",
          "/api/cases/{id}",
          "/api/cases/{id}/reveal",
          "/api/admin/users",
          "/api/admin/users/{name}",
          "/api/admin/keys",
          "/api/admin/keys/{id}",
          "/api/admin/roles",
          "/api/admin/locks",
          "/api/audit/events",
          "/api/audit/incident",
          "/api/audit/checkpoint",
          "/api/audit/proof");

  void locks(Context ctx) {
    require(ctx, Permission.ADMIN);
    ArrayNode out = JSON.createArrayNode();
    for (dev.casevault.audit.BulkReadGuard.Lock lock : vault.locks()) {
      out.addObject()
          .put("principal", lock.principalId())
          .put("since", lock.since().toString())
          .put("reason", lock.reason());
    }
    send(ctx, JSON.createObjectNode().set("locks", out));
  }

  /** Lifts a lock; the principal is a query parameter, since OIDC ids hold '/' and '#'. */
  void unlock(Context ctx) {
    require(ctx, Permission.ADMIN);
    String principal = ctx.queryParam("principal");
    if (principal == null || principal.isBlank()) {
      throw ApiException.badRequest("principal: required, the id of a locked principal");
    }
    if (!vault.unlock(principal, requester(ctx))) {
      throw ApiException.notFound("no such lock");
    }
    ctx.status(204);
  }

  private Set<String> roles(JsonNode body) {
    Set<String> roles = new HashSet<>(strings(body.get("roles"), "roles", 32));
    for (String role : roles) {
      if (!policy.roles().containsKey(role)) {
        throw ApiException.badRequest(
            "roles: unknown role "
                + clip(role)
                + "; roles: "
                + String.join(", ", policy.roles().keySet()));
      }
    }
    return roles;
  }

  private static Map<String, List<String>> attributes(JsonNode body) {
    JsonNode node = body.get("attributes");
    Map<String, List<String>> attributes = new LinkedHashMap<>();
    if (node == null) {
      return attributes;
    }
    if (!node.isObject()) {
      throw ApiException.badRequest("attributes: an object of attribute to list of values");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!AccessPolicy.ATTRIBUTES.contains(entry.getKey())) {
        throw ApiException.badRequest(
            "attributes: unknown attribute "
                + clip(entry.getKey())
                + "; known: "
                + String.join(", ", new TreeSet<>(AccessPolicy.ATTRIBUTES)));
      }
      attributes.put(
          entry.getKey(), strings(entry.getValue(), "attributes." + entry.getKey(), 1000));
    }
    return attributes;
  }

  private static CaseId caseId(Context ctx) {
    try {
      return new CaseId(ctx.pathParam("id"));
    } catch (RuntimeException e) {
      throw ApiException.notFound("no such case");
    }
  }

  /** The request body as a JSON object with only {@code allowed} keys. */
  static JsonNode body(Context ctx, Set<String> allowed) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "unsupported_media_type", "send application/json");
    }
    JsonNode node;
    try {
      node = JSON.readTree(readBody(ctx));
    } catch (JacksonException e) {
      throw ApiException.badRequest(
          "body: not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw ApiException.badRequest("body: unreadable");
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("body: must be a JSON object");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw ApiException.badRequest(
            clip(name) + ": unknown key; allowed: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    return node;
  }

  /**
   * The body, read with a deadline: a client that trickles its body is cut off after {@link
   * #BODY_DEADLINE} instead of holding a server thread for as long as it likes.
   */
  private static byte[] readBody(Context ctx) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > Server.MAX_BODY_BYTES) {
      throw new ApiException(413, "too_large", "the request body is over 1 MiB");
    }
    long deadline = System.nanoTime() + BODY_DEADLINE.toNanos();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try (java.io.InputStream in = ctx.req().getInputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        body.write(buffer, 0, n);
        if (body.size() > Server.MAX_BODY_BYTES) {
          throw new ApiException(413, "too_large", "the request body is over 1 MiB");
        }
        if (System.nanoTime() > deadline) {
          throw new ApiException(408, "too_slow", "the request body came too slowly");
        }
      }
    }
    return body.toByteArray();
  }

  private static String requiredText(JsonNode body, String key, int maxLength) {
    String value = optionalText(body, key, maxLength);
    if (value == null || value.isEmpty()) {
      throw ApiException.badRequest(key + ": required");
    }
    return value;
  }

  private static String optionalText(JsonNode body, String key, int maxLength) {
    JsonNode value = body.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(key + ": must be a string");
    }
    if (value.textValue().length() > maxLength) {
      throw ApiException.badRequest(key + ": longer than " + maxLength + " characters");
    }
    return value.textValue();
  }

  private static int number(JsonNode body, String key, int min, int max, int fallback) {
    JsonNode value = body.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isInt() || value.intValue() < min || value.intValue() > max) {
      throw ApiException.badRequest(key + ": a whole number from " + min + " to " + max);
    }
    return value.intValue();
  }

  private static List<String> strings(JsonNode node, String key, int maxCount) {
    if (node == null) {
      return List.of();
    }
    if (node.isTextual()) {
      node = JSON.createArrayNode().add(node.textValue());
    }
    if (!node.isArray() || node.size() > maxCount) {
      throw ApiException.badRequest(key + ": a list of at most " + maxCount + " strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > 256) {
        throw ApiException.badRequest(key + ": each value is a non-empty string of 256 at most");
      }
      values.add(item.textValue());
    }
    return values;
  }

  private static String keywordFields() {
    return String.join(
        ", ",
        java.util.Arrays.stream(CaseField.values())
            .filter(f -> f.kind() == CaseField.Kind.KEYWORD)
            .map(CaseField::queryName)
            .toList());
  }

  /** Echoes at most 32 characters of something the client sent. */
  static String clip(String text) {
    return text.length() <= 32 ? "'" + text + "'" : "'" + text.substring(0, 32) + "…'";
  }

  static void send(Context ctx, JsonNode body) {
    try {
      ctx.contentType("application/json");
      ctx.result(JSON.writeValueAsBytes(body));
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }
}
