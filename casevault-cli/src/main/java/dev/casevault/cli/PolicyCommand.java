package dev.casevault.cli;

import dev.casevault.access.AccessPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Access policy tools (docs/security.md describes the format).",
    subcommands = {PolicyCommand.Check.class, PolicyCommand.Defaults.class})
final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Validates an access policy file and explains what each role may do and see.")
  static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The policy file (JSON).")
    Path file;

    @Override
    public Integer call() throws Exception {
      System.out.print(AccessPolicy.read(file).explain());
      return 0;
    }
  }

  @Command(
      name = "defaults",
      mixinStandardHelpOptions = true,
      description = "Explains the built-in policy that applies without a policy file.")
  static final class Defaults implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.print(AccessPolicy.defaults().explain());
      return 0;
    }
  }
}
