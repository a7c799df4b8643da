package io.elavira.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.store.ElaviraStore;
import io.elavira.store.UsageStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code elavira stats [--last 24h] [--json]}: usage of the agent home over a period, from its
 * records (no model is loaded): requests, latency percentiles, answers and tokens per provider and
 * model, extractive answers, guard rejections, active conversations, response cache hit rate and
 * fallbacks.
 */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Usage over a period: requests, latency, tokens per provider and model, extractive answers,",
      "guard rejections, active conversations, response cache hit rate, fallbacks."
    })
final class StatsCommand implements Callable<Integer> {

  /** The period when {@code --last} is not given. */
  static final String DEFAULT_PERIOD = "24h";

  private static final Pattern PERIOD = Pattern.compile("(\\d{1,6})([mhd])");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  @Mixin(name = "home")
  private HomeOptions home;

  @Mixin(name = "json")
  private JsonOption json;

  @Option(
      names = "--last",
      paramLabel = "PERIOD",
      description =
          "Period ending now: minutes, hours or days (30m, 24h, 7d), or all (default: 24h).")
  private String last = DEFAULT_PERIOD;

  @Override
  public Integer call() throws Exception {
    Instant to = Instant.now();
    Instant from = from(last, to);
    PrintWriter out = spec.commandLine().getOut();
    try (ElaviraStore store = AgentSession.openStore(home.home())) {
      UsageStats stats = store.usage(null, from, to.plusMillis(1));
      if (json.enabled()) {
        out.println(JSON.writeValueAsString(toJson(stats)));
      } else {
        print(stats, out);
      }
      out.flush();
      return 0;
    }
  }

  private Instant from(String period, Instant to) {
    if (period.equalsIgnoreCase("all")) {
      return Instant.EPOCH;
    }
    Matcher m = PERIOD.matcher(period.strip().toLowerCase(Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--last " + period + ": give minutes, hours or days such as 30m, 24h or 7d, or all.");
    }
    long n = Long.parseLong(m.group(1));
    Duration length =
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    return to.minus(length);
  }

  private void print(UsageStats s, PrintWriter out) {
    out.println(
        "Usage of "
            + home.home()
            + " over the last "
            + (last.equalsIgnoreCase("all") ? "period (all time)" : last)
            + ":");
    out.printf(
        Locale.ROOT,
        "  requests: %d (%.2f per minute), extractive answers: %d, guard rejections: %d%n",
        s.requests(),
        s.requestsPerMinute(),
        s.extractiveAnswers(),
        s.guardRejections());
    out.printf(
        Locale.ROOT,
        "  latency: p50 %d ms, p95 %d ms, p99 %d ms%n",
        s.latencyP50Ms(),
        s.latencyP95Ms(),
        s.latencyP99Ms());
    out.println("  active conversations: " + s.activeConversations());
    out.printf(
        Locale.ROOT,
        "  response cache: %d hits, %d misses (hit rate %.1f%%); fallbacks: %d%n",
        s.cacheHits(),
        s.cacheMisses(),
        100 * s.cacheHitRate(),
        s.fallbacks());
    if (!s.byModel().isEmpty()) {
      out.println("  by provider and model:");
      for (UsageStats.ModelUsage m : s.byModel()) {
        out.printf(
            Locale.ROOT,
            "    %-32s %6d answers, %d tokens in, %d out%n",
            m.provider() == null ? "extractive" : m.provider() + "/" + m.model(),
            m.requests(),
            m.inputTokens(),
            m.outputTokens());
      }
    }
  }

  private static Map<String, @Nullable Object> toJson(UsageStats s) {
    Map<String, @Nullable Object> json = new LinkedHashMap<>();
    json.put("from", s.from().toString());
    json.put("to", s.to().toString());
    json.put("requests", s.requests());
    json.put("requestsPerMinute", s.requestsPerMinute());
    json.put("latencyP50Ms", s.latencyP50Ms());
    json.put("latencyP95Ms", s.latencyP95Ms());
    json.put("latencyP99Ms", s.latencyP99Ms());
    List<Map<String, @Nullable Object>> byModel =
        s.byModel().stream()
            .map(
                m -> {
                  Map<String, @Nullable Object> row = new LinkedHashMap<>();
                  row.put("provider", m.provider());
                  row.put("model", m.model());
                  row.put("requests", m.requests());
                  row.put("inputTokens", m.inputTokens());
                  row.put("outputTokens", m.outputTokens());
                  return row;
                })
            .toList();
    json.put("byModel", byModel);
    json.put("extractiveAnswers", s.extractiveAnswers());
    json.put("guardRejections", s.guardRejections());
    json.put("activeConversations", s.activeConversations());
    json.put("cacheHits", s.cacheHits());
    json.put("cacheMisses", s.cacheMisses());
    json.put("cacheHitRate", s.cacheHitRate());
    json.put("fallbacks", s.fallbacks());
    return json;
  }
}
