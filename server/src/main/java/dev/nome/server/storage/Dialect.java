package dev.nome.server.storage;

/** The two storage engines the control plane runs on; migrations are kept per dialect. */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRESQL("postgresql");

  private final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** The classpath folder under {@code db/migration} that holds this dialect's migrations. */
  public String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }
}
