package dev.nome.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class TokenKindTest {

  @Test
  void aDeviceTokenHasTheDocumentedShape() {
    String token = TokenKind.DEVICE.generate();
    assertThat(token).hasSize(41).startsWith("nome_dt_").matches("nome_dt_[0-9A-Za-z]{33}");
    assertThat(TokenKind.DEVICE.parse(token)).contains(token);
    String body = token.substring(0, 35);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(token.substring(35)).isEqualTo(Base62.encode(crc.getValue(), 6));
  }

  @Test
  void kindsAreNotInterchangeable() {
    assertThat(TokenKind.DEVICE.parse(TokenKind.USER.generate())).isEmpty();
    assertThat(TokenKind.USER.parse(TokenKind.DEVICE.generate())).isEmpty();
  }

  @Test
  void malformedTokensAreRejected() {
    assertThat(TokenKind.DEVICE.parse(null)).isEmpty();
    assertThat(TokenKind.DEVICE.parse("")).isEmpty();
    assertThat(TokenKind.DEVICE.parse("nome_dt_")).isEmpty();
    String token = TokenKind.DEVICE.generate();
    assertThat(TokenKind.DEVICE.parse(token + "x")).isEmpty();
    assertThat(TokenKind.DEVICE.parse(token.substring(0, 40) + "-")).isEmpty();
  }

  @Test
  void base62IsZeroPaddedAndOrdered() {
    assertThat(Base62.encode(0, 6)).isEqualTo("000000");
    assertThat(Base62.encode(61, 2)).isEqualTo("0z");
    assertThat(Base62.encode(62, 2)).isEqualTo("10");
    assertThat(Base62.encode(0xFFFFFFFFL, 6)).hasSize(6);
    byte[] max = new byte[20];
    java.util.Arrays.fill(max, (byte) 0xFF);
    assertThat(Base62.encode(max, 27)).hasSize(27);
  }

  @Test
  void anySingleCharacterChangeBreaksTheChecksum() {
    qt().withExamples(200)
        .forAll(Generate.range(8, 40), Generate.range(0, 61))
        .checkAssert(
            (position, d) -> {
              String token = TokenKind.DEVICE.generate();
              char replacement = Base62.ALPHABET.charAt(d);
              if (token.charAt(position) == replacement) {
                return;
              }
              String changed =
                  token.substring(0, position) + replacement + token.substring(position + 1);
              assertThat(TokenKind.DEVICE.parse(changed)).isEmpty();
            });
  }
}
