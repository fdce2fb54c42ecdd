package dev.nome.core.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Loads policy layers: the shipped default, the user's file, a work item's text. */
public final class Policies {

  /** The resource holding the shipped default policy. */
  public static final String SHIPPED_RESOURCE = "default-policy.toml";

  /** How decisions name the shipped layer. */
  public static final String SHIPPED_SOURCE = "shipped default policy";

  private static volatile PolicyLayer shipped;

  private Policies() {}

  /** The shipped default layer (parsed once). */
  public static PolicyLayer shipped() throws PolicyException {
    PolicyLayer s = shipped;
    if (s == null) {
      s = PolicyParser.parse(PolicyLayer.Kind.SHIPPED, SHIPPED_SOURCE, resource(SHIPPED_RESOURCE));
      shipped = s;
    }
    return s;
  }

  /** The shipped default alone. */
  public static Policy shippedPolicy() throws PolicyException {
    return Policy.of(shipped());
  }

  /** The user's policy file: {@code ~/.nome/policy.toml} under {@code home}. */
  public static Path userPolicyFile(Path home) {
    return home.resolve(".nome").resolve("policy.toml");
  }

  /** Reads one layer from a file; a missing file is an error. */
  public static PolicyLayer read(PolicyLayer.Kind kind, Path file) throws PolicyException {
    try {
      return PolicyParser.parse(kind, file.toString(), Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new PolicyException(file + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new PolicyException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The layered policy: shipped default, then {@code userFile} when it exists, then the work item's
   * policy text when given.
   *
   * @param workItemPolicy TOML text of the work item's layer, or null
   */
  public static Policy load(Path userFile, String workItemPolicy) throws PolicyException {
    Policy policy = shippedPolicy();
    if (userFile != null && Files.exists(userFile)) {
      policy = policy.then(read(PolicyLayer.Kind.USER, userFile));
    }
    if (workItemPolicy != null) {
      policy =
          policy.then(
              PolicyParser.parse(PolicyLayer.Kind.WORK_ITEM, "work item policy", workItemPolicy));
    }
    return policy;
  }

  static String resource(String name) throws PolicyException {
    try (InputStream in = Policies.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new PolicyException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PolicyException("cannot read resource " + name + ": " + e.getMessage(), e);
    }
  }
}
