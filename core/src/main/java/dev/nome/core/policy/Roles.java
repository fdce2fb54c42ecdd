package dev.nome.core.policy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The agent roles that may invoke a tool: either any role ({@code "*"} in a policy file) or a set
 * of names. A run that names no role runs as {@value #DEFAULT}.
 */
public record Roles(boolean any, Set<String> names) {

  /** The role of an agent whose run names none. */
  public static final String DEFAULT = "default";

  /** The policy-file spelling of "any role". */
  public static final String ANY = "*";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  public Roles {
    names = any ? Set.of() : Set.copyOf(names);
  }

  public static Roles anyRole() {
    return new Roles(true, Set.of());
  }

  public static Roles of(Set<String> names) {
    return new Roles(false, names);
  }

  /** True when {@code role} is a well-formed role name. */
  public static boolean isValidName(String role) {
    return NAME.matcher(role).matches();
  }

  public boolean allows(String role) {
    return any || names.contains(role);
  }

  /** Only the roles both allow: the stricter of two role lists. */
  public Roles intersect(Roles other) {
    if (any) {
      return other;
    }
    if (other.any) {
      return this;
    }
    Set<String> both = new TreeSet<>(names);
    both.retainAll(other.names);
    return of(both);
  }

  /** True when every role this allows, {@code other} allows too. */
  public boolean within(Roles other) {
    return other.any || (!any && other.names.containsAll(names));
  }

  @Override
  public String toString() {
    return any
        ? "[\"*\"]"
        : new TreeSet<>(names).stream().map(n -> "\"" + n + "\"").toList().toString();
  }
}
