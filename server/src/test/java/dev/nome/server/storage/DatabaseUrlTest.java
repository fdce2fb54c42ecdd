package dev.nome.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

  @Test
  void parsesUserPasswordHostPortAndDatabase() {
    DatabaseUrl.Postgres pg =
        DatabaseUrl.parsePostgres(
            "postgresql://nome:s%40cret@db.internal:6543/nome?sslmode=require");
    assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/nome?sslmode=require");
    assertThat(pg.user()).contains("nome");
    assertThat(pg.password()).contains("s@cret");
  }

  @Test
  void neverShowsThePassword() {
    DatabaseUrl.Postgres pg = DatabaseUrl.parsePostgres("postgres://u:hunter2@h/db");
    assertThat(pg.display()).doesNotContain("hunter2").isEqualTo("postgresql://u@h/db");
    assertThat(pg.toString()).doesNotContain("hunter2");
    assertThat(pg.jdbcUrl()).doesNotContain("hunter2");
  }

  @Test
  void acceptsAJdbcPrefixAndNoCredentials() {
    DatabaseUrl.Postgres pg = DatabaseUrl.parsePostgres("jdbc:postgresql://localhost/nome");
    assertThat(pg.user()).isEqualTo(Optional.empty());
    assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/nome");
  }

  @Test
  void refusesOtherSchemesAndMissingParts() {
    assertThatThrownBy(() -> DatabaseUrl.parsePostgres("mysql://h/db"))
        .hasMessageContaining("postgresql://");
    assertThatThrownBy(() -> DatabaseUrl.parsePostgres("postgresql://h/"))
        .hasMessageContaining("names no database");
    assertThatThrownBy(() -> DatabaseUrl.parsePostgres("postgresql:///db"))
        .hasMessageContaining("no host");
  }
}
