package dev.casevault.cli;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.SupportCase;
import dev.casevault.json.CaseJsonWriter;
import dev.casevault.service.CaseRead;
import dev.casevault.service.CaseVault;
import dev.casevault.service.Requester;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Prints one case: header, people, subject, description, conversation, notes.")
final class ShowCommand implements Callable<Integer> {
  static final int NOT_FOUND = 4;

  @Mixin DataOptions data;

  @Parameters(paramLabel = "ID", description = "The case id, e.g. CASE-2019-0001234.")
  String id;

  @Option(names = "--json", description = "Print the case as one line of JSON (the ingest format).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!CaseId.isValid(id)) {
      throw new CaseVaultException("not a case id: expected letters, digits and . _ : -");
    }
    SupportCase c;
    try (CaseVault vault = data.openForReading()) {
      // The owner of the data directory reads everything locally; remote callers go through the
      // server, which scopes each read by the access policy.
      c =
          vault
              .read(new CaseId(id), AccessScope.dataDirectoryOwner(), null, Requester.localOwner())
              .value()
              .map(CaseRead::found)
              .orElse(null);
    }
    if (c == null) {
      System.err.println("casevault: no case " + id);
      return NOT_FOUND;
    }
    if (json) {
      System.out.println(CaseJsonWriter.toJson(c));
    } else {
      print(c, new Terminal());
    }
    return 0;
  }

  private static void print(SupportCase c, Terminal terminal) {
    System.out.println(terminal.bold(c.id().value()) + "  " + c.status().wireName());
    System.out.printf("created %s  updated %s%n", c.created(), c.updated());
    System.out.printf(
        "product %s  channel %s  language %s  region %s  team %s%n",
        Terminal.clean(c.product()),
        c.channel().wireName(),
        c.language().wireName(),
        orDash(c.region()),
        orDash(c.team()));
    if (!c.tags().isEmpty()) {
      System.out.println("tags " + Terminal.clean(String.join(", ", c.tags())));
    }
    if (c.customer() != null) {
      System.out.printf(
          "customer %s  %s  %s  %s  %s%n",
          orDash(c.customer().id()),
          orDash(c.customer().name()),
          orDash(c.customer().email()),
          orDash(c.customer().phone()),
          orDash(c.customer().ip()));
    }
    if (c.agent() != null) {
      System.out.printf(
          "agent %s  %s  %s%n",
          orDash(c.agent().id()), orDash(c.agent().name()), orDash(c.agent().email()));
    }
    System.out.println();
    System.out.println(terminal.bold(Terminal.clean(c.subject())));
    System.out.println(Terminal.clean(c.description()));
    for (Message message : c.messages()) {
      System.out.println();
      System.out.println(terminal.bold(message.at() + "  " + message.from().wireName()));
      System.out.println(Terminal.clean(message.text()));
    }
    for (Note note : c.notes()) {
      System.out.println();
      System.out.println(
          terminal.bold(
              message(note.at() + "  note (" + note.visibility().wireName() + ")", note.author())));
      System.out.println(Terminal.clean(note.text()));
    }
  }

  private static String message(String header, String author) {
    return author == null ? header : header + " by " + author;
  }

  private static String orDash(String value) {
    return value == null ? "-" : Terminal.clean(value);
  }
}
