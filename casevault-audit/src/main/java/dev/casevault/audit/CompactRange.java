package dev.casevault.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing Merkle tree: the roots of its perfect subtrees, largest first, one
 * for each bit set in the size. Appending a leaf merges equal-sized subtrees like a binary carry,
 * so it costs O(1) hashes amortised and the state is O(log n), whatever the size of the log.
 */
public final class CompactRange {
  private final List<byte[]> subtrees = new ArrayList<>();
  private long size;

  public void append(byte[] leafHash) {
    byte[] hash = leafHash;
    for (long carry = size; (carry & 1) == 1; carry >>>= 1) {
      hash = Rfc6962.nodeHash(subtrees.removeLast(), hash);
    }
    subtrees.add(hash);
    size++;
  }

  public long size() {
    return size;
  }

  /**
   * The RFC 6962 root: folding the subtrees from the right gives exactly the split at the largest
   * power of two smaller than the size, at every level.
   */
  public byte[] root() {
    if (size == 0) {
      return Rfc6962.emptyRoot();
    }
    byte[] hash = subtrees.getLast();
    for (int i = subtrees.size() - 2; i >= 0; i--) {
      hash = Rfc6962.nodeHash(subtrees.get(i), hash);
    }
    return hash;
  }
}
