package dev.nome.core.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nome.core.Tier;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class KnowledgeFileTest {

  private static CommandKnowledge parse(String text) throws Exception {
    return CommandKnowledge.parse(new StringReader(text));
  }

  @Test
  void theShippedFileLoads() {
    assertThat(CommandKnowledge.standard().size()).isGreaterThan(300);
  }

  @Test
  void aSmallFileDrivesTheClassifier() throws Exception {
    CommandKnowledge k =
        parse(
            """
            # a tool that reads, with one flag that writes and one that runs programs
            cmd peek
              tier read
              abbrev gnu
              read -n= --lines=
              write -o=w --output=w
              exec --filter=
              args paths-read
            """);
    Classifier c = new Classifier(k, null, null);
    assertThat(c.classify("peek -n 3 a.txt").tier()).isEqualTo(Tier.READ);
    assertThat(c.classify("peek --out=x a.txt").tier()).isEqualTo(Tier.WRITE);
    assertThat(c.classify("peek --fil=sh a.txt").tier()).isEqualTo(Tier.DANGER);
    assertThat(c.classify("peek -z a.txt").tier()).isEqualTo(Tier.WRITE);
    assertThat(c.classify("grep x").tier()).isEqualTo(Tier.WRITE); // unknown here
  }

  @Test
  void mistakesNameTheirLine() {
    assertThatThrownBy(() -> parse("cmd a\n  tier sometimes\n"))
        .isInstanceOf(KnowledgeFormatException.class)
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> parse("cmd a\ncmd a\n")).hasMessageContaining("described twice");
    assertThatThrownBy(() -> parse("cmd a\n  read -x=q\n")).hasMessageContaining("bad flag value");
    assertThatThrownBy(() -> parse("cmd a\n  frobnicate\n"))
        .hasMessageContaining("unknown keyword");
    assertThatThrownBy(() -> parse("  tier read\n")).hasMessageContaining("outside");
    assertThatThrownBy(() -> parse("path credential relative/x\n"))
        .hasMessageContaining("starts with");
    assertThatThrownBy(() -> parse("cmd a\n  check nothing\n"))
        .hasMessageContaining("unknown check");
  }
}
