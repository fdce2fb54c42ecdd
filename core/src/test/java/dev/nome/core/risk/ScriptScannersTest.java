package dev.nome.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptScannersTest {

  @Test
  void sedCommandsThatRunWriteOrRead() {
    assertThat(SedScript.scan("1,10p").exec()).isFalse();
    assertThat(SedScript.scan("s/a/b/g;/x/d").problem()).isNull();
    assertThat(SedScript.scan("e id").exec()).isTrue();
    assertThat(SedScript.scan("s/x/y/e").exec()).isTrue();
    assertThat(SedScript.scan("s|/e|x|g").exec()).isFalse(); // the e is inside the pattern
    assertThat(SedScript.scan("s/[/e]/x/").exec()).isFalse();
    assertThat(SedScript.scan("w out.txt").writes()).containsExactly("out.txt");
    assertThat(SedScript.scan("s/a/b/w log").writes()).containsExactly("log");
    assertThat(SedScript.scan("1r ~/.netrc").reads()).containsExactly("~/.netrc");
    assertThat(SedScript.scan("/a/,/b/{s/x/y/;p}").problem()).isNull();
    assertThat(SedScript.scan("k").problem()).contains("unknown");
    assertThat(SedScript.scan("s/unterminated").problem()).isNotNull();
    assertThat(SedScript.scan("1i\\\nhello e world").exec()).isFalse();
  }

  @Test
  void awkProgramsThatRunOrWrite() {
    assertThat(AwkProgram.scan("{print $1}").exec()).isFalse();
    assertThat(AwkProgram.scan("$3 > 100 {print}").writes()).isEmpty();
    assertThat(AwkProgram.scan("{ if (a || b) print }").exec()).isFalse();
    assertThat(AwkProgram.scan("BEGIN{system(\"id\")}").exec()).isTrue();
    assertThat(AwkProgram.scan("{print | \"sort\"}").exec()).isTrue();
    assertThat(AwkProgram.scan("BEGIN{\"date\" | getline d}").exec()).isTrue();
    assertThat(AwkProgram.scan("{print \"system(x) |\"}").exec()).isFalse(); // inside a string
    assertThat(AwkProgram.scan("/system|x/ {print}").exec()).isFalse(); // inside a regex
    assertThat(AwkProgram.scan("{print > \"out.txt\"}").writes()).containsExactly("out.txt");
    assertThat(AwkProgram.scan("{print ($1 > 2)}").writes()).isEmpty();
    assertThat(AwkProgram.scan("{print > $1}").writes()).containsExactly((String) null);
    assertThat(AwkProgram.scan("{getline line < \"/etc/x\"}").reads()).containsExactly("/etc/x");
  }

  @Test
  void globsOverlapAsBashWouldMatch() {
    assertThat(GlobPattern.matches("*.py", "a.py")).isTrue();
    assertThat(GlobPattern.matches("*", ".env")).isFalse();
    assertThat(GlobPattern.matches(".e*", ".env")).isTrue();
    assertThat(GlobPattern.matches("[a-c]x", "bx")).isTrue();
    assertThat(GlobPattern.matches("[!a-c]x", "bx")).isFalse();
    assertThat(GlobPattern.overlap(".e*", ".env.*")).isTrue();
    assertThat(GlobPattern.overlap("*.py", ".env.*")).isFalse();
    assertThat(GlobPattern.overlap("test-*", "*.keystore")).isFalse();
  }
}
