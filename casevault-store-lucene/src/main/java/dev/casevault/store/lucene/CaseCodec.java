package dev.casevault.store.lucene;

import dev.casevault.core.Agent;
import dev.casevault.core.Author;
import dev.casevault.core.CaseId;
import dev.casevault.core.Channel;
import dev.casevault.core.Customer;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.Status;
import dev.casevault.core.SupportCase;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * The stored form of a case: a compact binary record in a stored field, read back by {@code get}
 * and for highlighting. Binary rather than JSON because it is written for every ingested case and
 * read for every hit; Lucene compresses stored fields on top of it.
 */
final class CaseCodec {
  private static final int FORMAT = 1;

  private CaseCodec() {}

  static BytesRef encode(SupportCase c) {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput(2048);
    try {
      out.writeVInt(FORMAT);
      out.writeString(c.id().value());
      writeInstant(out, c.created());
      writeInstant(out, c.updated());
      out.writeByte((byte) c.status().ordinal());
      out.writeString(c.product());
      out.writeByte((byte) c.channel().ordinal());
      out.writeByte((byte) c.language().ordinal());
      writeOptional(out, c.region());
      writeOptional(out, c.team());
      out.writeVInt(c.tags().size());
      for (String tag : c.tags()) {
        out.writeString(tag);
      }
      Customer customer = c.customer();
      out.writeByte((byte) (customer == null ? 0 : 1));
      if (customer != null) {
        writeOptional(out, customer.id());
        writeOptional(out, customer.name());
        writeOptional(out, customer.email());
        writeOptional(out, customer.phone());
        writeOptional(out, customer.ip());
      }
      Agent agent = c.agent();
      out.writeByte((byte) (agent == null ? 0 : 1));
      if (agent != null) {
        writeOptional(out, agent.id());
        writeOptional(out, agent.name());
        writeOptional(out, agent.email());
      }
      out.writeString(c.subject());
      out.writeString(c.description());
      out.writeVInt(c.messages().size());
      for (Message message : c.messages()) {
        writeInstant(out, message.at());
        out.writeByte((byte) message.from().ordinal());
        out.writeString(message.text());
      }
      out.writeVInt(c.notes().size());
      for (Note note : c.notes()) {
        writeInstant(out, note.at());
        writeOptional(out, note.author());
        out.writeByte((byte) note.visibility().ordinal());
        out.writeString(note.text());
      }
    } catch (IOException e) {
      throw new IllegalStateException("in-memory output cannot fail", e);
    }
    return new BytesRef(out.toArrayCopy());
  }

  static SupportCase decode(BytesRef bytes) throws IOException {
    DataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
    int format = in.readVInt();
    if (format != FORMAT) {
      throw new IOException("stored case has unknown format " + format);
    }
    CaseId id = new CaseId(in.readString());
    Instant created = readInstant(in);
    Instant updated = readInstant(in);
    Status status = Status.values()[in.readByte()];
    String product = in.readString();
    Channel channel = Channel.values()[in.readByte()];
    Language language = Language.values()[in.readByte()];
    String region = readOptional(in);
    String team = readOptional(in);
    int tagCount = in.readVInt();
    List<String> tags = new ArrayList<>(tagCount);
    for (int i = 0; i < tagCount; i++) {
      tags.add(in.readString());
    }
    Customer customer =
        in.readByte() == 0
            ? null
            : new Customer(
                readOptional(in),
                readOptional(in),
                readOptional(in),
                readOptional(in),
                readOptional(in));
    Agent agent =
        in.readByte() == 0 ? null : new Agent(readOptional(in), readOptional(in), readOptional(in));
    String subject = in.readString();
    String description = in.readString();
    int messageCount = in.readVInt();
    List<Message> messages = new ArrayList<>(messageCount);
    for (int i = 0; i < messageCount; i++) {
      messages.add(new Message(readInstant(in), Author.values()[in.readByte()], in.readString()));
    }
    int noteCount = in.readVInt();
    List<Note> notes = new ArrayList<>(noteCount);
    for (int i = 0; i < noteCount; i++) {
      notes.add(
          new Note(
              readInstant(in),
              readOptional(in),
              NoteVisibility.values()[in.readByte()],
              in.readString()));
    }
    return new SupportCase(
        id,
        created,
        updated,
        status,
        product,
        channel,
        language,
        region,
        team,
        tags,
        customer,
        agent,
        subject,
        description,
        messages,
        notes);
  }

  private static void writeInstant(DataOutput out, Instant instant) throws IOException {
    out.writeZLong(instant.getEpochSecond());
    out.writeVInt(instant.getNano());
  }

  private static Instant readInstant(DataInput in) throws IOException {
    long seconds = in.readZLong();
    return Instant.ofEpochSecond(seconds, in.readVInt());
  }

  private static void writeOptional(DataOutput out, String value) throws IOException {
    out.writeByte((byte) (value == null ? 0 : 1));
    if (value != null) {
      out.writeString(value);
    }
  }

  private static String readOptional(DataInput in) throws IOException {
    return in.readByte() == 0 ? null : in.readString();
  }
}
