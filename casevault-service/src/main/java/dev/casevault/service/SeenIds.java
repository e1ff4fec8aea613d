package dev.casevault.service;

/**
 * The case ids seen so far in one ingest run, to reject a second line with the same id.
 *
 * <p>Keeps a 64-bit fingerprint of each id and where it was first seen, 16 bytes an id in two
 * primitive arrays (16 MB for a million cases), instead of the strings themselves. Two different
 * ids share a fingerprint with odds of about n²/2⁶⁵ (3·10⁻⁸ for a million ids): a false "duplicate"
 * is that unlikely.
 */
final class SeenIds {
  private long[] keys = new long[1 << 16];
  private long[] places = new long[1 << 16];
  private int size;

  /**
   * Records {@code id} first seen at {@code place} and returns -1, or returns the place where it
   * was seen before.
   */
  long putIfAbsent(String id, long place) {
    if (size * 2 >= keys.length) {
      grow();
    }
    long key = fingerprint(id);
    int mask = keys.length - 1;
    for (int slot = (int) key & mask; ; slot = (slot + 1) & mask) {
      if (keys[slot] == 0) {
        keys[slot] = key;
        places[slot] = place;
        size++;
        return -1;
      }
      if (keys[slot] == key) {
        return places[slot];
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldPlaces = places;
    keys = new long[oldKeys.length * 2];
    places = new long[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        int slot = (int) oldKeys[i] & mask;
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        places[slot] = oldPlaces[i];
      }
    }
  }

  /** FNV-1a over the UTF-16 code units, then the SplitMix64 finaliser to spread the bits. */
  static long fingerprint(String id) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < id.length(); i++) {
      hash ^= id.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
    hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
    hash ^= hash >>> 31;
    return hash == 0 ? 1 : hash; // 0 marks an empty slot
  }
}
