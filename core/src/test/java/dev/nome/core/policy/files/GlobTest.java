package dev.nome.core.policy.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({
    "/a/b, /a/b, 2",
    "/a/b, /a/b/c/d, 2",
    "/a/b, /a, -1",
    "/a/*, /a/x/y, 2",
    "/a/*.txt, /a/x.txt, 2",
    "/a/*.txt, /a/x.md, -1",
    "/**/.env, /x/y/.env, 3",
    "/**/.env, /.env, 1",
    "/**/.env, /x/.envrc, -1",
    "/**/.env.*, /x/.env.local/z, 2",
    "/**, /, 0",
    "/, /a, 0",
    "/a/**/c, /a/c, 2",
    "/a/**/c, /a/b/b/c/d, 4",
    "/a/?, /a/bc, -1",
    "/a/?c, /a/bc, 2",
    "/**/**/**/**/z, /a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/a/b, -1",
  })
  void matchLength(String glob, String path, int expected) {
    assertThat(new Glob(glob, false).matchLength(FileGateway.segments(path))).isEqualTo(expected);
  }
}
