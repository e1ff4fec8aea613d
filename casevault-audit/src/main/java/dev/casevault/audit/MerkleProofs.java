package dev.casevault.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Inclusion and consistency proofs of RFC 9162 §2.1.3 and §2.1.4: generated from stored leaf
 * hashes, verified from hashes alone. Verification throws {@link InvalidProofException} naming the
 * reason, so that a caller cannot ignore a false result.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /** MTH(D[from:to]) of RFC 9162 §2.1.1, computed from the stored leaf hashes. */
  public static byte[] subtreeRoot(LeafHashes leaves, long from, long to) {
    if (from == to) {
      return Rfc6962.emptyRoot();
    }
    if (to - from == 1) {
      return leaves.get(from);
    }
    long k = largestPowerOfTwoBelow(to - from);
    return Rfc6962.nodeHash(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
  }

  /** PATH(index, D[0:size]): the sibling hashes from the leaf up to the root. */
  public static List<byte[]> inclusionProof(LeafHashes leaves, long index, long size) {
    if (index < 0 || index >= size || size > leaves.size()) {
      throw new IllegalArgumentException(
          "no leaf " + index + " in a tree of " + size + " (the log has " + leaves.size() + ")");
    }
    List<byte[]> proof = new ArrayList<>();
    path(leaves, index, 0, size, proof);
    return proof;
  }

  private static void path(LeafHashes leaves, long index, long from, long to, List<byte[]> proof) {
    if (to - from == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(to - from);
    if (index < from + k) {
      path(leaves, index, from, from + k, proof);
      proof.add(subtreeRoot(leaves, from + k, to));
    } else {
      path(leaves, index, from + k, to, proof);
      proof.add(subtreeRoot(leaves, from, from + k));
    }
  }

  /** PROOF(size1, D[0:size2]): the hashes that show the tree of size2 extends the one of size1. */
  public static List<byte[]> consistencyProof(LeafHashes leaves, long size1, long size2) {
    if (size1 <= 0 || size1 > size2 || size2 > leaves.size()) {
      throw new IllegalArgumentException(
          "no consistency proof from "
              + size1
              + " to "
              + size2
              + " (the log has "
              + leaves.size()
              + ")");
    }
    List<byte[]> proof = new ArrayList<>();
    subproof(leaves, size1, 0, size2, true, proof);
    return proof;
  }

  private static void subproof(
      LeafHashes leaves, long m, long from, long to, boolean wholeOldTree, List<byte[]> proof) {
    long n = to - from;
    if (m == n) {
      if (!wholeOldTree) {
        proof.add(subtreeRoot(leaves, from, to));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(leaves, m, from, from + k, wholeOldTree, proof);
      proof.add(subtreeRoot(leaves, from + k, to));
    } else {
      subproof(leaves, m - k, from + k, to, false, proof);
      proof.add(subtreeRoot(leaves, from, from + k));
    }
  }

  /**
   * RFC 9162 §2.1.3.2: that {@code leafHash} is leaf {@code index} of the tree with {@code root}.
   */
  public static void verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size) {
      throw new InvalidProofException("leaf index " + index + " is outside a tree of " + size);
    }
    requireHash("leaf hash", leafHash);
    requireHash("root", root);
    proof.forEach(hash -> requireHash("proof hash", hash));
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw new InvalidProofException("inclusion proof is too long for a tree of " + size);
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException("inclusion proof is too short for a tree of " + size);
    }
    if (!MessageDigest.isEqual(r, root)) {
      throw new InvalidProofException(
          "inclusion proof of leaf " + index + " does not lead to the root of the tree of " + size);
    }
  }

  /**
   * RFC 9162 §2.1.4.2: that the tree of {@code size2} with {@code root2} extends the tree of {@code
   * size1} with {@code root1}. A first tree of size 0 is refused: it proves nothing.
   */
  public static void verifyConsistency(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
    if (size1 <= 0 || size1 > size2) {
      throw new InvalidProofException(
          "no consistency between trees of " + size1 + " and " + size2 + " can be proven");
    }
    if (size1 == size2) {
      // Same tree: nothing to hash, so the roots are compared as given, whatever their length.
      if (!proof.isEmpty()) {
        throw new InvalidProofException("trees of equal size need an empty consistency proof");
      }
      if (!MessageDigest.isEqual(root1, root2)) {
        throw new InvalidProofException("two trees of size " + size1 + " have different roots");
      }
      return;
    }
    requireHash("first root", root1);
    requireHash("second root", root2);
    proof.forEach(hash -> requireHash("proof hash", hash));
    if (proof.isEmpty()) {
      throw new InvalidProofException("empty consistency proof between different sizes");
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(size1) == 1) {
      path.addFirst(root1);
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path.getFirst();
    byte[] sr = path.getFirst();
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw new InvalidProofException("consistency proof is too long");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.nodeHash(c, fr);
        sr = Rfc6962.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = Rfc6962.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new InvalidProofException("consistency proof is too short");
    }
    if (!MessageDigest.isEqual(fr, root1)) {
      throw new InvalidProofException(
          "consistency proof does not lead to the root of the tree of " + size1);
    }
    if (!MessageDigest.isEqual(sr, root2)) {
      throw new InvalidProofException(
          "consistency proof does not lead to the root of the tree of " + size2);
    }
  }

  private static void requireHash(String what, byte[] hash) {
    if (hash == null || hash.length != Rfc6962.HASH_BYTES) {
      throw new InvalidProofException(
          what + " has " + (hash == null ? 0 : hash.length) + " bytes, not 32");
    }
  }

  /** The k of RFC 9162 §2.1.1: the largest power of two smaller than n (n ≥ 2). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
