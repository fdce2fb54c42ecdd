package dev.nome.app;

import dev.nome.core.policy.Policies;
import dev.nome.core.policy.Policy;
import dev.nome.core.policy.PolicyException;
import dev.nome.core.policy.PolicyLayer;
import dev.nome.core.policy.files.FileGateway;
import java.io.IOException;
import java.nio.file.Path;

/** Where the policy commands find the homes, the policy layers and the workspace. */
final class PolicyFiles {

  private PolicyFiles() {}

  /** The agent shell's home: {@code --home} when given, else $HOME. */
  static Path shellHome(Path override) {
    return override != null ? override : FileGateway.shellHomeOfThisProcess();
  }

  /** The account's home: {@code --home} when given, else the JVM's user.home. */
  static Path accountHome(Path override) {
    return override != null ? override : FileGateway.accountHomeOfThisProcess();
  }

  /**
   * The layered policy: shipped, then {@code userPolicy} (default ~/.nome/policy.toml when it
   * exists), then {@code workItem} when given.
   */
  static Policy load(Path home, Path userPolicy, Path workItem) throws PolicyException {
    Policy policy =
        userPolicy != null
            ? Policies.shippedPolicy().then(Policies.read(PolicyLayer.Kind.USER, userPolicy))
            : Policies.load(Policies.userPolicyFile(accountHome(home)), null);
    if (workItem != null) {
      policy = policy.then(Policies.read(PolicyLayer.Kind.WORK_ITEM, workItem));
    }
    return policy;
  }

  static FileGateway gateway(Policy policy, Path workspace, Path home) throws IOException {
    Path ws = workspace != null ? workspace : Path.of("").toAbsolutePath();
    return FileGateway.create(ws, shellHome(home), accountHome(home), policy.files());
  }
}
