package dev.nome.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries of docs/architecture.md, checked on the compiled classes. */
@AnalyzeClasses(packages = "dev.nome", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreDependsOnNoOtherModule =
      noClasses()
          .that()
          .resideInAPackage("dev.nome.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.nome.server..", "dev.nome.runner..", "dev.nome.app..", "dev.nome.bench..");

  @ArchTest
  static final ArchRule coreUsesNoHttpOrDatabaseLibrary =
      noClasses()
          .that()
          .resideInAPackage("dev.nome.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.javalin..",
              "org.eclipse.jetty..",
              "jakarta.servlet..",
              "java.net.http..",
              "java.sql..",
              "javax.sql..",
              "org.jdbi..",
              "org.flywaydb..",
              "org.sqlite..",
              "org.postgresql..",
              "com.zaxxer..",
              "gg.jte..");

  @ArchTest
  static final ArchRule coreOpensNoSockets =
      noClasses()
          .that()
          .resideInAPackage("dev.nome.core..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.Socket")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.ServerSocket")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("java.net.URLConnection");

  @ArchTest
  static final ArchRule serverDoesNotDependOnRunner =
      noClasses()
          .that()
          .resideInAPackage("dev.nome.server..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.nome.runner..", "dev.nome.app..");

  @ArchTest
  static final ArchRule runnerDoesNotDependOnServer =
      noClasses()
          .that()
          .resideInAPackage("dev.nome.runner..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.nome.server..", "dev.nome.app..");

  /** P2: the clear key is for the model proxy alone. */
  @ArchTest
  static final ArchRule onlyTheModelProxyRevealsAKey =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.nome.server.model..", "dev.nome.server.vault..")
          // The server's test jar is on this classpath as a jar, which DoNotIncludeTests keeps.
          .and()
          .haveSimpleNameNotEndingWith("Test")
          .should()
          .callMethod(dev.nome.server.vault.KeyVault.class, "reveal", String.class, String.class);
}
