package dev.casevault.audit;

/** Random access to the leaf hashes of a log, from which proofs are computed. */
public interface LeafHashes {
  long size();

  byte[] get(long index);
}
