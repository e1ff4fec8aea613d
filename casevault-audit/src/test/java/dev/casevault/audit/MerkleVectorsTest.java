package dev.casevault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the transparency-dev test vectors (src/test/resources/rfc6962-merkle, Apache-2.0):
 * each wantErr=false case verifies and each wantErr=true case is rejected.
 */
class MerkleVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> inclusion() throws IOException, URISyntaxException {
    return vectors("inclusion");
  }

  static Stream<Path> consistency() throws IOException, URISyntaxException {
    return vectors("consistency");
  }

  private static Stream<Path> vectors(String kind) throws IOException, URISyntaxException {
    Path root = Path.of(MerkleVectorsTest.class.getResource("/rfc6962-merkle/" + kind).toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    return files.stream();
  }

  @Test
  void allVectorsAreThere() throws Exception {
    assertThat(inclusion().count()).isEqualTo(98);
    assertThat(consistency().count()).isEqualTo(98);
  }

  @ParameterizedTest
  @MethodSource("inclusion")
  void inclusionVector(Path file) throws IOException {
    JsonNode v = JSON.readTree(file.toFile());
    Runnable verify =
        () ->
            MerkleProofs.verifyInclusion(
                v.get("leafIdx").asLong(),
                v.get("treeSize").asLong(),
                base64(v.get("leafHash")),
                hashes(v.get("proof")),
                base64(v.get("root")));
    check(v, verify);
  }

  @ParameterizedTest
  @MethodSource("consistency")
  void consistencyVector(Path file) throws IOException {
    JsonNode v = JSON.readTree(file.toFile());
    Runnable verify =
        () ->
            MerkleProofs.verifyConsistency(
                v.get("size1").asLong(),
                v.get("size2").asLong(),
                hashes(v.get("proof")),
                base64(v.get("root1")),
                base64(v.get("root2")));
    check(v, verify);
  }

  private static void check(JsonNode vector, Runnable verify) {
    if (vector.get("wantErr").asBoolean()) {
      assertThatThrownBy(verify::run)
          .as(vector.get("desc").asText())
          .isInstanceOf(InvalidProofException.class);
    } else {
      verify.run();
    }
  }

  private static byte[] base64(JsonNode node) {
    return node.isNull() ? new byte[0] : Base64.getDecoder().decode(node.asText());
  }

  private static List<byte[]> hashes(JsonNode array) {
    List<byte[]> hashes = new ArrayList<>();
    if (array != null && !array.isNull()) {
      array.forEach(node -> hashes.add(base64(node)));
    }
    return hashes;
  }
}
