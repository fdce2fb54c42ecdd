package dev.nome.core.receipt;

import java.util.ArrayList;
import java.util.List;

/** Verification of RFC 9162 inclusion and consistency proofs (sections 2.1.3.2 and 2.1.4.2). */
public final class MerkleProofs {

  private MerkleProofs() {}

  /** Whether {@code proof} shows leaf {@code leafHash} at {@code index} under {@code root}. */
  public static boolean verifyInclusion(
      Digest leafHash, long index, long treeSize, List<Digest> proof, Digest root) {
    if (index < 0 || index >= treeSize) {
      return false;
    }
    long fn = index;
    long sn = treeSize - 1;
    Digest r = leafHash;
    for (Digest p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleTree.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = MerkleTree.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && r.equals(root);
  }

  /**
   * Whether {@code proof} shows the tree of {@code second} leaves extends that of {@code first}.
   */
  public static boolean verifyConsistency(
      long first, Digest firstRoot, long second, Digest secondRoot, List<Digest> proof) {
    if (first < 0 || first > second) {
      return false;
    }
    if (first == second) {
      return proof.isEmpty() && firstRoot.equals(secondRoot);
    }
    if (first == 0) {
      return proof.isEmpty();
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<Digest> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(first) == 1) {
      path.add(firstRoot);
    }
    path.addAll(proof);
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    Digest fr = path.get(0);
    Digest sr = path.get(0);
    for (int i = 1; i < path.size(); i++) {
      Digest c = path.get(i);
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleTree.nodeHash(c, fr);
        sr = MerkleTree.nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = MerkleTree.nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return fr.equals(firstRoot) && sr.equals(secondRoot) && sn == 0;
  }
}
