package dev.nome.core.receipt;

import dev.nome.core.Tier;
import dev.nome.core.secrets.TestScrubbed;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** One receipt of every type, with every optional field filled. */
final class Samples {

  static final KeyedHmac FINGERPRINTS = new KeyedHmac("fp-1", new byte[32]);

  private Samples() {}

  static List<Receipt> everyType(String hostId) {
    return List.of(
        new RunStarted(hostId, Optional.of("wi-7")),
        new RouteRecord(
            "seat",
            "provider-subscription",
            "anthropic",
            "claude",
            TestScrubbed.of("2.0.14 (Claude Code)"),
            "claude-sonnet-4-5"),
        new RouteRecord(
            "seat",
            "provider-subscription",
            "openai",
            "codex",
            TestScrubbed.of("0.171.0"),
            "gpt-5",
            List.of("ANTHROPIC_API_KEY", "GITHUB_TOKEN")),
        new ToolIntent(
            "call-1",
            "shell",
            Tier.WRITE,
            TestScrubbed.of("git commit -m \"fix\""),
            Decision.APPROVED,
            "policy/shell-write",
            Optional.of("apr-1")),
        new ApprovalRecord(
            "apr-1",
            TestScrubbed.of("git push origin main"),
            "shell",
            Tier.DANGER,
            TestScrubbed.of("pushes to a remote"),
            "user-1",
            "device-9",
            1_700_000_000_000L,
            Decision.APPROVED,
            TestScrubbed.of("ok ✓")),
        tool("call-1", "[1 file changed]"),
        new ArtifactRef(
            ArtifactKind.DIFF,
            Digest.sha256(new byte[] {1, 2, 3}),
            3,
            TestScrubbed.of("artifacts/run-1/diff-1.patch")),
        new HostRevoked(hostId, TestScrubbed.of("revoked in settings")),
        new RunEnded(RunStatus.STOPPED, TestScrubbed.of("host revoked")));
  }

  static ToolReceipt tool(String callId, String output) {
    return new ToolReceipt(
        callId,
        "shell",
        Tier.WRITE,
        TestScrubbed.of("git commit -m \"fix\""),
        Optional.of(FINGERPRINTS.of("git commit -m \"fix\"")),
        Decision.ALLOWED,
        "policy/shell-write",
        Optional.empty(),
        OutputSummary.of(TestScrubbed.of(output), 200, TestScrubbed.identity()),
        42,
        true,
        OptionalInt.of(0));
  }
}
