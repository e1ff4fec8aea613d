package dev.casevault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();

  /** The leaves and roots of Certificate Transparency's reference tests (merkle_tree_test.cc). */
  private static final List<String> CT_LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  private static final List<String> CT_ROOTS =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void rootsMatchTheCertificateTransparencyReference() {
    CompactRange range = new CompactRange();
    assertThat(HEX.formatHex(range.root()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (int i = 0; i < CT_LEAVES.size(); i++) {
      range.append(Rfc6962.leafHash(HEX.parseHex(CT_LEAVES.get(i))));
      assertThat(HEX.formatHex(range.root())).as("size %d", i + 1).isEqualTo(CT_ROOTS.get(i));
    }
  }

  @Test
  void incrementalRootEqualsTheDefinitionAtEverySize() {
    Random random = new Random(1);
    List<byte[]> entries = new ArrayList<>();
    CompactRange range = new CompactRange();
    for (int n = 1; n <= 300; n++) {
      byte[] entry = randomEntry(random);
      entries.add(entry);
      range.append(Rfc6962.leafHash(entry));
      byte[] expected = definitionRoot(entries);
      assertThat(range.root()).as("size %d", n).isEqualTo(expected);
      assertThat(MerkleProofs.subtreeRoot(ListLeafHashes.of(entries), 0, n)).isEqualTo(expected);
    }
  }

  @Test
  void everyLeafOfRandomTreesHasAnInclusionProof() {
    Random random = new Random(2);
    for (int trial = 0; trial < 40; trial++) {
      int size = 1 + random.nextInt(trial < 20 ? 20 : 400);
      List<byte[]> entries = randomEntries(random, size);
      ListLeafHashes leaves = ListLeafHashes.of(entries);
      byte[] root = definitionRoot(entries);
      for (int index = 0; index < size; index++) {
        List<byte[]> proof = MerkleProofs.inclusionProof(leaves, index, size);
        assertThat(proof.size()).isLessThanOrEqualTo(64 - Long.numberOfLeadingZeros(size - 1));
        MerkleProofs.verifyInclusion(index, size, leaves.get(index), proof, root);
      }
    }
  }

  @Test
  void inclusionProofsFailForAWrongLeafIndexSizeOrRoot() {
    Random random = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int size = 2 + random.nextInt(300);
      List<byte[]> entries = randomEntries(random, size);
      ListLeafHashes leaves = ListLeafHashes.of(entries);
      byte[] root = definitionRoot(entries);
      int index = random.nextInt(size);
      List<byte[]> proof = MerkleProofs.inclusionProof(leaves, index, size);
      int other = (index + 1 + random.nextInt(size - 1)) % size;
      byte[] leaf = leaves.get(index);

      assertRejected(
          () -> MerkleProofs.verifyInclusion(index, size, leaves.get(other), proof, root));
      assertRejected(() -> MerkleProofs.verifyInclusion(other, size, leaf, proof, root));
      // The proof of another size, checked against that size's own root.
      if (index < size - 1) {
        byte[] smallerRoot = definitionRoot(entries.subList(0, size - 1));
        assertRejected(
            () -> MerkleProofs.verifyInclusion(index, size - 1, leaf, proof, smallerRoot));
      }
      assertRejected(
          () -> MerkleProofs.verifyInclusion(index, size, leaf, proof, Rfc6962.leafHash(root)));
      if (!proof.isEmpty()) {
        int position = random.nextInt(proof.size());
        byte[] tampered = proof.get(position).clone();
        tampered[random.nextInt(tampered.length)] ^= (byte) (1 << random.nextInt(8));
        List<byte[]> bad = new ArrayList<>(proof);
        bad.set(position, tampered);
        assertRejected(() -> MerkleProofs.verifyInclusion(index, size, leaf, bad, root));
      }
    }
  }

  @Test
  void consistencyBetweenRandomSizePairs() {
    Random random = new Random(4);
    List<byte[]> entries = randomEntries(random, 500);
    ListLeafHashes leaves = ListLeafHashes.of(entries);
    for (int trial = 0; trial < 500; trial++) {
      int size2 = 1 + random.nextInt(500);
      int size1 = 1 + random.nextInt(size2);
      byte[] root1 = definitionRoot(entries.subList(0, size1));
      byte[] root2 = definitionRoot(entries.subList(0, size2));
      List<byte[]> proof = MerkleProofs.consistencyProof(leaves, size1, size2);
      MerkleProofs.verifyConsistency(size1, size2, proof, root1, root2);

      if (size1 < size2) {
        byte[] otherRoot1 = definitionRoot(entries.subList(1, size1 + 1));
        assertRejected(
            () -> MerkleProofs.verifyConsistency(size1, size2, proof, otherRoot1, root2));
        byte[] otherRoot2 = definitionRoot(entries.subList(1, size2 + 1));
        assertRejected(
            () -> MerkleProofs.verifyConsistency(size1, size2, proof, root1, otherRoot2));
        if (size2 - 1 > size1) {
          byte[] smallerRoot2 = definitionRoot(entries.subList(0, size2 - 1));
          assertRejected(
              () -> MerkleProofs.verifyConsistency(size1, size2 - 1, proof, root1, smallerRoot2));
        }
        if (size1 > 1) {
          byte[] smallerRoot1 = definitionRoot(entries.subList(0, size1 - 1));
          assertRejected(
              () -> MerkleProofs.verifyConsistency(size1 - 1, size2, proof, smallerRoot1, root2));
        }
      }
    }
  }

  @Test
  void proofsAreRefusedForLeavesTheLogDoesNotHave() {
    ListLeafHashes leaves = ListLeafHashes.of(randomEntries(new Random(5), 10));
    assertThatThrownBy(() -> MerkleProofs.inclusionProof(leaves, 10, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProofs.inclusionProof(leaves, 0, 11))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProofs.consistencyProof(leaves, 0, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProofs.consistencyProof(leaves, 6, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertRejected(Runnable verification) {
    assertThatThrownBy(verification::run).isInstanceOf(InvalidProofException.class);
  }

  /** RFC 9162 §2.1.1 written out directly over the entries, independent of the code under test. */
  static byte[] definitionRoot(List<byte[]> entries) {
    int n = entries.size();
    if (n == 0) {
      return Rfc6962.emptyRoot();
    }
    if (n == 1) {
      return Rfc6962.leafHash(entries.getFirst());
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return Rfc6962.nodeHash(
        definitionRoot(entries.subList(0, k)), definitionRoot(entries.subList(k, n)));
  }

  static List<byte[]> randomEntries(Random random, int count) {
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(randomEntry(random));
    }
    return entries;
  }

  private static byte[] randomEntry(Random random) {
    byte[] entry = new byte[1 + random.nextInt(40)];
    random.nextBytes(entry);
    return entry;
  }
}
