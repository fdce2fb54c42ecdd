package dev.nome.core.shell;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: trees compared without their offsets. */
final class ShellTrees {
  private ShellTrees() {}

  /** A copy of the tree with every start and end offset set to zero. */
  @SuppressWarnings("unchecked")
  static <T> T withoutOffsets(T node) {
    return (T) strip(node);
  }

  private static Object strip(Object value) {
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(strip(o));
      }
      return out;
    }
    if (value == null || !value.getClass().isRecord()) {
      return value;
    }
    RecordComponent[] components = value.getClass().getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        types[i] = c.getType();
        Object v = c.getAccessor().invoke(value);
        args[i] = c.getName().equals("start") || c.getName().equals("end") ? 0 : strip(v);
      }
      Constructor<?> ctor = value.getClass().getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses, or fails the test with the error. */
  static Script parse(String source) {
    try {
      return ShellParser.parse(source);
    } catch (ShellSyntaxError e) {
      throw new AssertionError("does not parse: " + source + "\n" + e.getMessage(), e);
    }
  }

  /**
   * Checks that printing the tree of a source that parses gives a source with the same tree;
   * returns a description of the problem, or null when it round-trips.
   */
  static String roundTripProblem(Script tree) {
    String printed;
    try {
      printed = ShellPrinter.print(tree);
    } catch (RuntimeException e) {
      return "printer failed: " + e;
    }
    Script again;
    try {
      again = ShellParser.parse(printed);
    } catch (ShellSyntaxError e) {
      return "printed text does not parse: " + e.getMessage() + "\n--- printed:\n" + printed;
    }
    if (!withoutOffsets(tree).equals(withoutOffsets(again))) {
      return "printed text parses differently\n--- printed:\n"
          + printed
          + "\n--- first:\n"
          + withoutOffsets(tree)
          + "\n--- again:\n"
          + withoutOffsets(again);
    }
    return null;
  }
}
