package dev.casevault.store.lucene;

import dev.casevault.core.Agent;
import dev.casevault.core.CaseField;
import dev.casevault.core.Customer;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.SupportCase;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.SealedValue;
import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;

/** Turns a case into the Lucene document described in {@code docs/architecture.md}. */
final class CaseDocuments {
  private final FacetsConfig facetsConfig;

  CaseDocuments() {
    facetsConfig = new FacetsConfig();
    for (CaseField field : CaseField.facetable()) {
      // Filters use the keyword field's own postings; the facet field only needs doc values.
      facetsConfig.setDrillDownTermsIndexing(
          field.queryName(), FacetsConfig.DrillDownTermsIndexing.NONE);
    }
    facetsConfig.setMultiValued(CaseField.TAGS.queryName(), true);
  }

  FacetsConfig facetsConfig() {
    return facetsConfig;
  }

  Document toDocument(RedactedCase redacted) throws IOException {
    SupportCase c = redacted.content();
    Document doc = new Document();
    if (!redacted.sealed().isEmpty()) {
      doc.add(new StoredField(IndexFields.SEALED, SealedValue.encodeAll(redacted.sealed())));
    }
    Customer customer = c.customer();
    if (customer != null) {
      addId(doc, CaseField.CUSTOMER_ID, customer.id());
      addIdentity(doc, CaseField.CUSTOMER_NAME, customer.name());
      addIdentity(doc, CaseField.CUSTOMER_EMAIL, customer.email());
      addIdentity(doc, CaseField.CUSTOMER_PHONE, customer.phone());
      addIdentity(doc, CaseField.CUSTOMER_IP, customer.ip());
    }
    Agent agent = c.agent();
    if (agent != null) {
      addId(doc, CaseField.AGENT_ID, agent.id());
      addIdentity(doc, CaseField.AGENT_NAME, agent.name());
      addIdentity(doc, CaseField.AGENT_EMAIL, agent.email());
    }
    doc.add(new KeywordField(IndexFields.ID, c.id().value(), Field.Store.NO));
    doc.add(new StoredField(IndexFields.SOURCE, CaseCodec.encode(c)));
    doc.add(
        new LongField(CaseField.CREATED.queryName(), c.created().toEpochMilli(), Field.Store.NO));
    doc.add(
        new LongField(CaseField.UPDATED.queryName(), c.updated().toEpochMilli(), Field.Store.NO));
    addKeyword(doc, CaseField.STATUS, c.status().wireName());
    addKeyword(doc, CaseField.PRODUCT, c.product());
    addKeyword(doc, CaseField.CHANNEL, c.channel().wireName());
    addKeyword(doc, CaseField.LANGUAGE, c.language().wireName());
    addKeyword(doc, CaseField.REGION, c.region());
    addKeyword(doc, CaseField.TEAM, c.team());
    for (String tag : c.tags()) {
      addKeyword(doc, CaseField.TAGS, tag);
    }
    Language language = c.language();
    addText(doc, CaseField.SUBJECT, language, c.subject());
    addText(doc, CaseField.DESCRIPTION, language, c.description());
    for (Message message : c.messages()) {
      addText(doc, CaseField.MESSAGES, language, message.text());
    }
    for (Note note : c.notes()) {
      addText(doc, noteField(note.visibility()), language, note.text());
    }
    return facetsConfig.build(doc);
  }

  static CaseField noteField(NoteVisibility visibility) {
    return visibility == NoteVisibility.CONFIDENTIAL
        ? CaseField.CONFIDENTIAL_NOTES
        : CaseField.INTERNAL_NOTES;
  }

  private static void addKeyword(Document doc, CaseField field, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    doc.add(new StringField(IndexFields.keyword(field), value, Field.Store.NO));
    doc.add(new SortedSetDocValuesFacetField(field.queryName(), value));
  }

  /** Customer and agent ids: exact match only (access rules use them), never counted. */
  private static void addId(Document doc, CaseField field, String id) {
    if (id != null && !id.isEmpty()) {
      doc.add(new StringField(IndexFields.keyword(field), id, Field.Store.NO));
    }
  }

  /** Identity fields hold keyed tokens (the redactor made them): exact match only, no facet. */
  private static void addIdentity(Document doc, CaseField field, String token) {
    if (token != null && !token.isEmpty()) {
      doc.add(new StringField(IndexFields.keyword(field), token, Field.Store.NO));
    }
  }

  private static void addText(Document doc, CaseField field, Language language, String text) {
    if (!text.isEmpty()) {
      doc.add(new TextField(IndexFields.text(field, language), text, Field.Store.NO));
    }
  }
}
