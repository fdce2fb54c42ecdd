package dev.nome.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  @Test
  void hashesAreArgon2idPhcStringsThatVerifyOnlyTheRightPassword() {
    String phc = PasswordHasher.hash("correct horse battery");
    assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(PasswordHasher.verify("correct horse battery", phc)).isTrue();
    assertThat(PasswordHasher.verify("correct horse batterY", phc)).isFalse();
    assertThat(PasswordHasher.hash("correct horse battery")).isNotEqualTo(phc);
  }

  @Test
  void malformedOrAbsurdStoredHashesNeverVerify() {
    assertThat(PasswordHasher.verify("x", null)).isFalse();
    assertThat(PasswordHasher.verify("x", "")).isFalse();
    assertThat(PasswordHasher.verify("x", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA")).isFalse();
    assertThat(PasswordHasher.verify("x", "$argon2id$v=19$m=99999999,t=2,p=1$AAAA$AAAA")).isFalse();
    assertThat(PasswordHasher.verify("x", "$argon2id$v=19$m=19456,t=2,p=1$!!$AAAA")).isFalse();
  }
}
