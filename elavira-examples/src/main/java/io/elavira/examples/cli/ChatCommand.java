package io.elavira.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code elavira chat}: a conversation on standard input. Each line is a question; the answer is
 * streamed as it is written, then its sources are printed. Lines starting with {@code /} are
 * commands ({@code /help}, {@code /new}, {@code /history}, {@code /exit}).
 *
 * <p>On a terminal, lines are read with JLine (editing, history kept in the agent home); Ctrl-C
 * cancels the answer being written and Ctrl-C or Ctrl-D at the prompt quits. Piped input works too:
 * no prompt is shown then. A chat starts a new conversation unless {@code --conversation ID} names
 * one or {@code -c} continues the user's last one.
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = {
      "Chat with your documents; answers stream as they are written.",
      "Commands: /help, /new, /history, /exit. Ctrl-C stops an answer; Ctrl-D quits."
    })
final class ChatCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private IndexOptions indexes;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "agent")
  private AgentOption agent;

  @Mixin(name = "llm")
  private LlmOptions llm;

  @Mixin(name = "user")
  private UserOption user;

  @Mixin private ConversationOptions conversation;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CliEnvironment environment = ElaviraCli.root(spec).environment();
    String userId = user.userId();
    conversation.validate();
    llm.validate();
    indexes.validate();
    Path agentHome = home.home();
    try (AgentSession session = AgentSession.open(agentHome, llm, indexes, err, agent.agentId())) {
      session.hintWhenEmpty(agentHome, err);
      ChatLoop loop =
          new ChatLoop(
              session.agent(), userId, conversation.choose(session, userId, err), out, err);
      LineInput input;
      if (environment.interactive()) {
        input = TerminalInput.open(agentHome, loop::interrupt);
      } else {
        input = LineInput.piped(environment.in());
        environment.interrupts().onInterrupt(loop::interrupt);
      }
      try (input) {
        loop.run(input);
      }
      return 0;
    }
  }
}
