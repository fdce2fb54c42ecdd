package dev.nome.runner.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SseReaderTest {

  @Test
  void readsIdsTypesMultiLineDataAndComments() throws Exception {
    String stream =
        ": connected\n\n"
            + "id: 7\nevent: raised\ndata: {\"a\":1}\n\n"
            + "id:8\nevent:approved\ndata: line one\ndata: line two\n\n"
            + "retry: 1000\n\n"
            + ": ping\n"
            + "data: no id\n\n";
    List<ServerEvent> events = new ArrayList<>();
    AtomicInteger comments = new AtomicInteger();
    SseReader.read(
        new BufferedReader(new StringReader(stream)), events::add, comments::incrementAndGet);
    assertThat(events)
        .containsExactly(
            new ServerEvent("7", "raised", "{\"a\":1}"),
            new ServerEvent("8", "approved", "line one\nline two"),
            new ServerEvent(null, "message", "no id"));
    assertThat(comments.get()).isEqualTo(2);
  }

  @Test
  void onlyAFinalStateOfTheAwaitedRequestIsADecision() {
    String approved =
        "{\"type\":\"approved\",\"request\":{\"id\":\"r1\",\"state\":\"approved\","
            + "\"decided_by\":\"owner\",\"comment\":null}}";
    assertThat(ApprovalClient.decisionIn("r1", approved))
        .hasValueSatisfying(
            d -> {
              assertThat(d.allows()).isTrue();
              assertThat(d.decidedBy()).contains("owner");
              assertThat(d.comment()).isEmpty();
            });
    assertThat(ApprovalClient.decisionIn("r2", approved)).isEmpty();
    assertThat(
            ApprovalClient.decisionIn(
                "r1", "{\"type\":\"raised\",\"request\":{\"id\":\"r1\",\"state\":\"pending\"}}"))
        .isEmpty();
    assertThat(ApprovalClient.decisionIn("r1", "not json")).isEmpty();
    for (String state : List.of("denied", "expired", "cancelled")) {
      assertThat(
              ApprovalClient.decisionIn(
                  "r1", "{\"request\":{\"id\":\"r1\",\"state\":\"" + state + "\"}}"))
          .hasValueSatisfying(d -> assertThat(d.allows()).as(state).isFalse());
    }
    // An unknown state is not a decision: the client keeps waiting, and the deadline denies.
    assertThat(ApprovalClient.decisionIn("r1", "{\"request\":{\"id\":\"r1\",\"state\":\"maybe\"}}"))
        .isEmpty();
  }
}
