package io.elavira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.store.ElaviraStore;
import io.elavira.store.Feedback;
import io.elavira.store.Rating;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ratings and comments on answers, named by their trace id, and their export for evaluation. */
class FeedbackTest {
  @TempDir Path home;
  ElaviraStore store;
  ElaviraAgent agent;
  ElaviraAgent coach;

  @BeforeEach
  void open() {
    store = ElaviraStore.open(home.resolve("elavira.db"));
    FakeEmbeddingModel embeddings = new FakeEmbeddingModel();
    agent = ElaviraAgent.builder().store(store).embeddings(embeddings).build();
    coach = ElaviraAgent.builder().store(store).agentId("coach").embeddings(embeddings).build();
    agent.index(ElaviraAgentIndexTest.GUIDE, Docs.chunks(ElaviraAgentIndexTest.GUIDE));
  }

  @AfterEach
  void close() {
    coach.close();
    agent.close();
    store.close();
  }

  @Test
  void storesARatingWithTheAnswersMessageTellingAThumbUpFromOneStar() {
    Answer first = agent.ask("alice", "c1", "Where is the heating pump?");
    Answer second = agent.ask("alice", "c1", "When do I clean the filter?");

    Feedback thumb = store.feedback().give(first.traceId(), "alice", Rating.thumbsUp(), null);
    Feedback star = store.feedback().give(second.traceId(), "alice", Rating.stars(1), "too vague");

    assertThat(thumb.rating()).isEqualTo(new Rating(Rating.Scale.THUMBS, 1));
    assertThat(star.rating()).isEqualTo(new Rating(Rating.Scale.STARS, 1));
    assertThat(star.agentId()).isEqualTo("default");
    assertThat(star.conversationId()).isEqualTo("c1");
    assertThat(star.comment()).isEqualTo("too vague");
    assertThat(agent.history("c1", 10))
        .filteredOn(m -> second.traceId().equals(m.traceId()))
        .extracting(m -> m.id())
        .contains(star.messageId());
    assertThat(store.feedback().list(null))
        .extracting(Feedback::rating)
        .containsExactly(Rating.thumbsUp(), Rating.stars(1));
    assertThat(store.audit().recent(1))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("feedback");
              assertThat(e.details()).contains(second.traceId()).doesNotContain("vague");
            });
  }

  @Test
  void aUsersSecondRatingOfTheSameAnswerReplacesTheFirst() {
    Answer answer = agent.ask("alice", "c1", "Where is the heating pump?");

    store.feedback().give(answer.traceId(), "alice", Rating.thumbsUp(), null);
    store.feedback().give(answer.traceId(), "alice", Rating.thumbsDown(), "wrong room");
    store.feedback().give(answer.traceId(), "bob", Rating.stars(4), null);

    assertThat(store.feedback().list("default"))
        .extracting(Feedback::userId, Feedback::rating)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("alice", Rating.thumbsDown()),
            org.assertj.core.groups.Tuple.tuple("bob", Rating.stars(4)));
  }

  @Test
  void refusesAnUnknownTraceIdAndRatingsOffTheirScale() {
    assertThatThrownBy(() -> store.feedback().give("no-such-trace", null, Rating.thumbsUp(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no-such-trace");
    assertThatThrownBy(() -> Rating.stars(6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Rating(Rating.Scale.THUMBS, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Rating.parse("+1")).isEqualTo(Rating.thumbsUp());
    assertThat(Rating.parse("-1")).isEqualTo(Rating.thumbsDown());
    assertThat(Rating.parse("4*")).isEqualTo(Rating.stars(4));
    assertThatThrownBy(() -> Rating.parse("0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exportsOneJsonLinePerRatingWithQuestionAnswerAndScalePerAgent() throws Exception {
    Answer answer = agent.ask("alice", "c1", "Where is the heating pump?");
    Answer other = coach.ask("bob", "coach:c2", "Any advice?");
    store.feedback().give(answer.traceId(), "alice", Rating.stars(5), "exact");
    store.feedback().give(other.traceId(), "bob", Rating.thumbsDown(), null);
    StringWriter out = new StringWriter();

    int lines = store.feedback().exportJsonl("default", out);

    assertThat(lines).isEqualTo(1);
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      parsed.add(new ObjectMapper().readTree(line));
    }
    assertThat(parsed).hasSize(1);
    JsonNode row = parsed.get(0);
    assertThat(row.get("traceId").asText()).isEqualTo(answer.traceId());
    assertThat(row.get("agentId").asText()).isEqualTo("default");
    assertThat(row.get("question").asText()).isEqualTo("Where is the heating pump?");
    assertThat(row.get("answer").asText()).isEqualTo(answer.text());
    assertThat(row.get("rating").asInt()).isEqualTo(5);
    assertThat(row.get("scale").asText()).isEqualTo("STARS");
    assertThat(row.get("comment").asText()).isEqualTo("exact");
    assertThat(store.feedback().exportJsonl(null, new StringWriter())).isEqualTo(2);
    assertThat(store.audit().recent(1))
        .singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo("export"));
  }
}
