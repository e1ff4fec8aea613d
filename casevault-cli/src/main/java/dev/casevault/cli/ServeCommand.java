package dev.casevault.cli;

import dev.casevault.server.Server;
import dev.casevault.server.ServerSettings;
import dev.casevault.service.CaseVault;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the archive over HTTPS (docs/api.md). The first start creates a TLS certificate",
      "of this installation and an initial admin user whose password is printed once.",
      "Settings: DATA/server.json (docs/security.md). Unsafe settings refuse the start.",
      "With the cases on OpenSearch (--store opensearch), it also refuses a cluster",
      "whose casevault indices anonymous requests can read (docs/opensearch.md)."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Option(
      names = "--bind",
      paramLabel = "HOST:PORT",
      description = "Where to listen (default: the settings' bind, else 127.0.0.1:8443).")
  String bind;

  @Override
  public Integer call() throws Exception {
    data.createFolder();
    ServerSettings settings = ServerSettings.of(data.folder());
    if (bind != null) {
      settings = settings.withBind(ServerSettings.HostPort.parse(bind, "--bind"));
    }
    // Before anything is created in the data directory: an unsafe start changes nothing.
    Server.refuseUnsafeStart(data.folder(), settings);
    CaseVault vault = data.openForWriting();
    Server server;
    try {
      server = Server.start(data.folder(), settings, vault, Clock.systemUTC(), System.out);
    } catch (java.io.IOException | RuntimeException e) {
      vault.close();
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  try {
                    vault.close();
                  } catch (java.io.IOException e) {
                    System.err.println("casevault: closing the archive failed: " + e.getMessage());
                  }
                }));
    server.join();
    return 0;
  }
}
