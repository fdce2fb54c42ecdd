package dev.nome.runner.tools;

import dev.nome.core.policy.Access;
import dev.nome.core.policy.FileRule;
import dev.nome.core.policy.FileVerdict;
import dev.nome.core.policy.files.FileGateway;
import dev.nome.core.policy.files.GatedFiles;
import dev.nome.runner.seats.EnvironmentFilter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one directory a run's tools work in, with the file gateway that judges every path, the
 * environment a shell command gets, and the limits. Files are opened only through {@link
 * GatedFiles}, so a path is judged by its resolved real path and a swap between check and open is
 * refused.
 */
public final class Workspace {

  private final FileGateway gateway;
  private final GatedFiles files;
  private final Map<String, String> shellEnvironment;
  private final List<String> withheld;
  private final ToolLimits limits;

  public Workspace(
      FileGateway gateway,
      Map<String, String> shellEnvironment,
      List<String> withheld,
      ToolLimits limits) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.files = new GatedFiles(gateway);
    this.shellEnvironment = Map.copyOf(shellEnvironment);
    this.withheld = List.copyOf(withheld);
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * A workspace at {@code root} with this process's home, the policy's file rules, and this
   * process's environment filtered like a seat's (credential-shaped names withheld, P4).
   */
  public static Workspace open(Path root, List<FileRule> rules, ToolLimits limits)
      throws IOException {
    return open(root, rules, limits, System.getenv());
  }

  /** As {@link #open(Path, List, ToolLimits)}, with {@code environment} as the runner's own. */
  public static Workspace open(
      Path root, List<FileRule> rules, ToolLimits limits, Map<String, String> environment)
      throws IOException {
    EnvironmentFilter.Filtered env = EnvironmentFilter.standard().apply(environment);
    Path shellHome =
        Path.of(
            env.environment()
                .getOrDefault("HOME", FileGateway.shellHomeOfThisProcess().toString()));
    FileGateway gateway =
        FileGateway.create(root, shellHome, FileGateway.accountHomeOfThisProcess(), rules);
    return new Workspace(gateway, env.environment(), env.withheld(), limits);
  }

  public Path root() {
    return gateway.workspace();
  }

  public FileGateway gateway() {
    return gateway;
  }

  public GatedFiles files() {
    return files;
  }

  public Map<String, String> shellEnvironment() {
    return shellEnvironment;
  }

  /** Names (never values) of the environment variables kept from shell commands. */
  public List<String> withheld() {
    return withheld;
  }

  public ToolLimits limits() {
    return limits;
  }

  /** The gateway's verdict on {@code path}, or a refusal naming its first rule. */
  FileVerdict require(String path, Access wanted) throws ToolException {
    FileVerdict v = gateway.check(path, wanted);
    if (v == null || !v.allowed()) {
      String why = v == null || v.rules().isEmpty() ? "no verdict" : v.rules().get(0);
      throw new ToolException(
          (wanted == Access.WRITE ? "writing " : "reading ") + path + " is not allowed: " + why);
    }
    return v;
  }

  /** Reads a text file through the gateway, refusing one larger than the limit. */
  String readText(String path) throws ToolException {
    try (SeekableByteChannel ch = files.openForRead(path)) {
      long size = ch.size();
      if (size > limits.maxFileBytes()) {
        throw new ToolException(
            path + " is " + size + " bytes, more than the " + limits.maxFileBytes() + " allowed");
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read until full or end
      }
      buf.flip();
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .decode(buf)
          .toString();
    } catch (java.nio.file.AccessDeniedException e) {
      throw new ToolException("reading " + path + " is not allowed: " + e.getReason(), e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ToolException(path + ": no such file", e);
    } catch (IOException e) {
      throw new ToolException(path + ": " + e.getMessage(), e);
    }
  }

  /** Writes a file through the gateway (created, or truncated and rewritten). */
  void writeText(String path, String content) throws ToolException {
    try {
      files.write(path, content.getBytes(StandardCharsets.UTF_8));
    } catch (java.nio.file.AccessDeniedException e) {
      throw new ToolException("writing " + path + " is not allowed: " + e.getReason(), e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ToolException(path + ": its directory does not exist", e);
    } catch (IOException e) {
      throw new ToolException(path + ": " + e.getMessage(), e);
    }
  }
}
