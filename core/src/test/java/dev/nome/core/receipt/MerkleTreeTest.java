package dev.nome.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class MerkleTreeTest {

  static Digest leaf(int i) {
    return MerkleTree.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8));
  }

  static MerkleTree tree(int n) {
    MerkleTree t = new MerkleTree();
    for (int i = 0; i < n; i++) {
      t.appendLeafHash(leaf(i));
    }
    return t;
  }

  /** The RFC's definition of the tree hash, written out directly. */
  static Digest mth(List<Digest> leaves) {
    if (leaves.isEmpty()) {
      return MerkleTree.emptyRoot();
    }
    if (leaves.size() == 1) {
      return leaves.get(0);
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return MerkleTree.nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, leaves.size())));
  }

  static Digest h(Digest a, Digest b) {
    return MerkleTree.nodeHash(a, b);
  }

  @Test
  void leafAndNodeHashesArePrefixedAsTheRfcSays() {
    byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
    assertThat(MerkleTree.leafHash(data)).isEqualTo(Digest.sha256(new byte[] {0, 'a', 'b', 'c'}));
    byte[] both = new byte[65];
    both[0] = 1;
    Digest l = leaf(0);
    Digest r = leaf(1);
    System.arraycopy(l.toBytes(), 0, both, 1, 32);
    System.arraycopy(r.toBytes(), 0, both, 33, 32);
    assertThat(MerkleTree.nodeHash(l, r)).isEqualTo(Digest.sha256(both));
    // The empty tree's root is SHA-256 of nothing.
    assertThat(MerkleTree.emptyRoot().hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void handComputedTreesOfOneToSevenLeaves() {
    Digest a = leaf(0),
        b = leaf(1),
        c = leaf(2),
        d = leaf(3),
        e = leaf(4),
        f = leaf(5),
        g = leaf(6);
    assertThat(tree(1).root()).isEqualTo(a);
    assertThat(tree(2).root()).isEqualTo(h(a, b));
    // Three leaves: the left subtree takes two (the largest power of two below three).
    assertThat(tree(3).root()).isEqualTo(h(h(a, b), c));
    assertThat(tree(4).root()).isEqualTo(h(h(a, b), h(c, d)));
    assertThat(tree(5).root()).isEqualTo(h(h(h(a, b), h(c, d)), e));
    assertThat(tree(6).root()).isEqualTo(h(h(h(a, b), h(c, d)), h(e, f)));
    assertThat(tree(7).root()).isEqualTo(h(h(h(a, b), h(c, d)), h(h(e, f), g)));
  }

  @Test
  void handComputedProofsInASevenLeafTree() {
    Digest a = leaf(0),
        b = leaf(1),
        c = leaf(2),
        d = leaf(3),
        e = leaf(4),
        f = leaf(5),
        g = leaf(6);
    MerkleTree t = tree(7);
    // The RFC 9162 examples (section 2.1.5) use this shape of tree.
    assertThat(t.inclusionProof(0, 7)).containsExactly(b, h(c, d), h(h(e, f), g));
    assertThat(t.inclusionProof(3, 7)).containsExactly(c, h(a, b), h(h(e, f), g));
    assertThat(t.inclusionProof(4, 7)).containsExactly(f, g, h(h(a, b), h(c, d)));
    assertThat(t.inclusionProof(6, 7)).containsExactly(h(e, f), h(h(a, b), h(c, d)));
    assertThat(t.consistencyProof(3, 7)).containsExactly(c, d, h(a, b), h(h(e, f), g));
    assertThat(t.consistencyProof(4, 7)).containsExactly(h(h(e, f), g));
    assertThat(t.consistencyProof(6, 7)).containsExactly(h(e, f), g, h(h(a, b), h(c, d)));
    assertThat(MerkleProofs.verifyConsistency(3, t.root(3), 7, t.root(), t.consistencyProof(3, 7)))
        .isTrue();
  }

  @Test
  void rootsAndProofsOfRandomTreesVerify() {
    qt().withExamples(60)
        .forAll(Generate.range(1, 300), Generate.range(0, 299))
        .checkAssert(
            (n, pick) -> {
              MerkleTree t = tree(n);
              List<Digest> leaves = new ArrayList<>();
              for (int i = 0; i < n; i++) {
                leaves.add(leaf(i));
              }
              for (int size = 0; size <= n; size++) {
                assertThat(t.root(size)).isEqualTo(mth(leaves.subList(0, size)));
              }
              int m = pick % n;
              for (int size = m + 1; size <= n; size++) {
                List<Digest> proof = t.inclusionProof(m, size);
                assertThat(MerkleProofs.verifyInclusion(leaf(m), m, size, proof, t.root(size)))
                    .isTrue();
                assertThat(MerkleProofs.verifyInclusion(leaf(m + 1), m, size, proof, t.root(size)))
                    .isFalse();
                if (size > 1) {
                  assertThat(
                          MerkleProofs.verifyInclusion(
                              leaf(m), (m + 1) % size, size, proof, t.root(size)))
                      .isFalse();
                }
              }
              for (int first = 0; first <= n; first++) {
                List<Digest> proof = t.consistencyProof(first, n);
                assertThat(MerkleProofs.verifyConsistency(first, t.root(first), n, t.root(), proof))
                    .as("%d -> %d", first, n)
                    .isTrue();
                if (first > 0 && first < n) {
                  assertThat(MerkleProofs.verifyConsistency(first, leaf(12345), n, t.root(), proof))
                      .isFalse();
                  List<Digest> bent = new ArrayList<>(proof);
                  bent.set(bent.size() - 1, leaf(999));
                  assertThat(
                          MerkleProofs.verifyConsistency(first, t.root(first), n, t.root(), bent))
                      .isFalse();
                }
              }
            });
  }

  @Test
  void truncatingForgetsLeavesAsIfNeverAppended() {
    qt().withExamples(40)
        .forAll(Generate.range(1, 200), Generate.range(0, 199))
        .checkAssert(
            (n, cut) -> {
              int keep = cut % (n + 1);
              MerkleTree t = tree(n);
              t.truncate(keep);
              assertThat(t.size()).isEqualTo(keep);
              assertThat(t.root()).isEqualTo(tree(keep).root());
              t.appendLeafHash(leaf(-5));
              MerkleTree expected = tree(keep);
              expected.appendLeafHash(leaf(-5));
              assertThat(t.root()).isEqualTo(expected.root());
            });
  }

  @Test
  void aTreeWithAnyLeafChangedIsNotConsistentWithTheOriginal() {
    qt().withExamples(40)
        .forAll(Generate.range(2, 100), Generate.range(0, 99))
        .checkAssert(
            (n, pick) -> {
              int changed = pick % (n - 1);
              MerkleTree original = tree(n - 1);
              MerkleTree forked = new MerkleTree();
              for (int i = 0; i < n; i++) {
                forked.appendLeafHash(i == changed ? leaf(-1) : leaf(i));
              }
              List<Digest> proof = forked.consistencyProof(n - 1, n);
              assertThat(
                      MerkleProofs.verifyConsistency(
                          n - 1, original.root(), n, forked.root(), proof))
                  .isFalse();
            });
  }
}
