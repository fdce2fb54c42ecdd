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
    Shape shape = SHAPES.get(value.getClass());
    Object[] args = new Object[shape.components.length];
    try {
      for (int i = 0; i < args.length; i++) {
        args[i] = shape.offset[i] ? 0 : strip(shape.components[i].getAccessor().invoke(value));
      }
      return shape.constructor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Shape(
      RecordComponent[] components, boolean[] offset, Constructor<?> constructor) {}

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Class<?>[] types = new Class<?>[components.length];
          boolean[] offset = new boolean[components.length];
          for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            offset[i] =
                components[i].getName().equals("start") || components[i].getName().equals("end");
            components[i].getAccessor().setAccessible(true);
          }
          try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return new Shape(components, offset, ctor);
          } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
          }
        }
      };

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
