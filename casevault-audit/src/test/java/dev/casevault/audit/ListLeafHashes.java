package dev.casevault.audit;

import java.util.ArrayList;
import java.util.List;

/** Leaf hashes held in memory, for tests of the proofs. */
final class ListLeafHashes implements LeafHashes {
  final List<byte[]> hashes = new ArrayList<>();

  static ListLeafHashes of(List<byte[]> entries) {
    ListLeafHashes leaves = new ListLeafHashes();
    entries.forEach(entry -> leaves.hashes.add(Rfc6962.leafHash(entry)));
    return leaves;
  }

  @Override
  public long size() {
    return hashes.size();
  }

  @Override
  public byte[] get(long index) {
    return hashes.get(Math.toIntExact(index));
  }
}
