package org.diffuse4j.models.card;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.diffuse4j.api.ConfigurationException;

/**
 * The models shipped inside this module's JAR (built from {@code models/shipped/}): small SavedModels with
 * their cards, found by name. TensorFlow loads SavedModels from directories, so {@link #extract} copies a
 * model's files into a content-addressed directory under {@code java.io.tmpdir} once and reuses it.
 */
public final class ShippedModels {
    static final String ROOT = "org/diffuse4j/models/shipped/";
    private static final List<String> FILES = List.of(ModelCards.FILE_NAME, "saved_model.pb",
            "variables/variables.index", "variables/variables.data-00000-of-00001");

    private ShippedModels() {}

    /** Names of the shipped models, in index order. */
    public static List<String> names() {
        try (InputStream in = resource("index.txt")) {
            if (in == null) return List.of();
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String n = line.strip();
                if (!n.isEmpty() && !n.startsWith("#")) names.add(n);
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A model directory for {@code nameOrPath}: the path itself when it exists, else the shipped model of
     * that name (extracted).
     *
     * @throws ConfigurationException naming the argument and the shipped models when it is neither
     */
    public static Path resolve(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        if (Files.exists(p)) return p;
        return extract(nameOrPath).orElseThrow(() -> new ModelDirectoryException(p.toAbsolutePath(),
                "no such directory, and '" + nameOrPath + "' is not a shipped model (shipped: " + String.join(", ", names()) + ")"));
    }

    /** The shipped model {@code name} as a directory, or empty when there is none of that name. */
    public static Optional<Path> extract(String name) {
        if (!names().contains(name)) return Optional.empty();
        Map<String, byte[]> files = new LinkedHashMap<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String f : FILES) {
            try (InputStream in = resource(name + "/" + f)) {
                if (in == null) continue;
                byte[] bytes = in.readAllBytes();
                files.put(f, bytes);
                sha.update(f.getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!files.containsKey("saved_model.pb") || !files.containsKey(ModelCards.FILE_NAME)) {
            throw new IllegalStateException("shipped model '" + name + "' is incomplete in the JAR (" + files.keySet() + ")");
        }
        String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "diffuse4j-models-" + System.getProperty("user.name", "user"));
        Path dir = base.resolve(name + "-" + hash);
        if (Files.isRegularFile(dir.resolve(".complete"))) return Optional.of(dir);
        try {
            Files.createDirectories(base);
            Path tmp = Files.createTempDirectory(base, name + "-");
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path target = tmp.resolve(e.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, e.getValue());
            }
            Files.writeString(tmp.resolve(".complete"), hash);
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {                   // another process extracted it first
                if (!Files.isRegularFile(dir.resolve(".complete"))) throw raced;
                deleteTree(tmp);
            }
            return Optional.of(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract shipped model '" + name + "' into " + dir, e);
        }
    }

    private static InputStream resource(String path) {
        return ShippedModels.class.getClassLoader().getResourceAsStream(ROOT + path);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
