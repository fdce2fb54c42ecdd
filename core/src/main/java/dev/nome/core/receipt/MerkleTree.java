package dev.nome.core.receipt;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only Merkle tree with the hashing and shape of RFC 9162 (Certificate Transparency 2.0):
 * leaf hash {@code SHA-256(0x00 || data)}, node hash {@code SHA-256(0x01 || left || right)}, and
 * for {@code n} leaves the left subtree holds the largest power of two below {@code n}.
 *
 * <p>Every complete, aligned subtree's hash is kept (level {@code k} holds the subtrees of {@code
 * 2^k} leaves), so appending costs O(log n) hashes, and any root (also of an earlier size),
 * inclusion proof or consistency proof costs O(log n) hashes as well.
 */
public final class MerkleTree {

  private final List<List<byte[]>> levels = new ArrayList<>();
  private final MessageDigest sha = Digest.newSha256();

  public MerkleTree() {
    levels.add(new ArrayList<>());
  }

  /** {@code SHA-256(0x00 || data)}. */
  public static Digest leafHash(byte[] data) {
    MessageDigest md = Digest.newSha256();
    md.update((byte) 0);
    md.update(data);
    return Digest.owning(md.digest());
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static Digest nodeHash(Digest left, Digest right) {
    return Digest.owning(node(Digest.newSha256(), left.bytesUnsafe(), right.bytesUnsafe()));
  }

  private static byte[] node(MessageDigest md, byte[] left, byte[] right) {
    md.update((byte) 1);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** The root of the empty tree: SHA-256 of nothing. */
  public static Digest emptyRoot() {
    return Digest.sha256(new byte[0]);
  }

  public synchronized long size() {
    return levels.get(0).size();
  }

  /** Appends a leaf by its data; returns its index. */
  public long append(byte[] data) {
    return appendLeafHash(leafHash(data));
  }

  /** Appends a leaf by its leaf hash; returns its index. */
  public synchronized long appendLeafHash(Digest leafHash) {
    List<byte[]> level0 = levels.get(0);
    long index = level0.size();
    level0.add(leafHash.bytesUnsafe());
    int k = 0;
    while (levels.get(k).size() % 2 == 0) {
      List<byte[]> level = levels.get(k);
      int n = level.size();
      byte[] parent = node(sha, level.get(n - 2), level.get(n - 1));
      if (levels.size() == k + 1) {
        levels.add(new ArrayList<>());
      }
      levels.get(k + 1).add(parent);
      k++;
    }
    return index;
  }

  /**
   * Forgets every leaf from {@code newSize} on, as if they were never appended (for a log whose
   * append was rolled back before anyone saw it). Complete subtrees within the kept leaves stay.
   */
  public synchronized void truncate(long newSize) {
    checkSize(newSize);
    for (int k = 0; k < levels.size(); k++) {
      List<byte[]> level = levels.get(k);
      int keep = Math.toIntExact(newSize >> k);
      level.subList(keep, level.size()).clear();
    }
  }

  public synchronized Digest leafHashAt(long index) {
    return Digest.owning(levels.get(0).get(Math.toIntExact(index)));
  }

  /** The root of the whole tree. */
  public synchronized Digest root() {
    return root(size());
  }

  /** The root the tree had when it held {@code treeSize} leaves. */
  public synchronized Digest root(long treeSize) {
    checkSize(treeSize);
    return treeSize == 0 ? emptyRoot() : Digest.owning(hash(0, treeSize));
  }

  /** The hash of leaves {@code [lo, hi)}; every split follows the RFC's shape. */
  private byte[] hash(long lo, long hi) {
    long n = hi - lo;
    if (Long.bitCount(n) == 1) {
      int k = Long.numberOfTrailingZeros(n);
      return levels.get(k).get(Math.toIntExact(lo >> k));
    }
    long k = Long.highestOneBit(n);
    return node(sha, hash(lo, lo + k), hash(lo + k, hi));
  }

  /** The RFC 9162 inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves. */
  public synchronized List<Digest> inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + treeSize);
    }
    List<Digest> path = new ArrayList<>();
    path(index, 0, treeSize, path);
    return path;
  }

  private void path(long m, long lo, long hi, List<Digest> out) {
    long n = hi - lo;
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, lo, lo + k, out);
      out.add(Digest.owning(hash(lo + k, hi)));
    } else {
      path(m - k, lo + k, hi, out);
      out.add(Digest.owning(hash(lo, lo + k)));
    }
  }

  /** The RFC 9162 consistency proof between the tree's sizes {@code first} and {@code second}. */
  public synchronized List<Digest> consistencyProof(long first, long second) {
    checkSize(second);
    if (first < 0 || first > second) {
      throw new IllegalArgumentException("no consistency proof from " + first + " to " + second);
    }
    List<Digest> proof = new ArrayList<>();
    if (first == 0 || first == second) {
      return proof;
    }
    subproof(first, 0, second, true, proof);
    return proof;
  }

  private void subproof(long m, long lo, long hi, boolean complete, List<Digest> out) {
    long n = hi - lo;
    if (m == n) {
      if (!complete) {
        out.add(Digest.owning(hash(lo, hi)));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, lo, lo + k, complete, out);
      out.add(Digest.owning(hash(lo + k, hi)));
    } else {
      subproof(m - k, lo + k, hi, false, out);
      out.add(Digest.owning(hash(lo, lo + k)));
    }
  }

  /** The largest power of two strictly below {@code n} (n ≥ 2). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > levels.get(0).size()) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " is beyond this tree's " + levels.get(0).size() + " leaves");
    }
  }
}
