package org.diffuse4j.models.card;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.diffuse4j.api.ConfigurationException;

/** Reads and writes the {@value #FILE_NAME} sidecar of a model directory. */
public final class ModelCards {
    /** The sidecar's file name. */
    public static final String FILE_NAME = "diffuse4j.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ModelCards() {}

    /**
     * Reads {@code dir/diffuse4j.json}.
     *
     * @throws ModelDirectoryException naming the path when the directory or the file is missing, is not
     *     JSON, has an unknown field or an invalid value
     */
    public static ModelCard read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelDirectoryException(dir, Files.exists(dir) ? "is not a directory" : "no such directory");
        }
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelDirectoryException(dir, "no " + FILE_NAME + " (the model card naming schedule, prediction and time"
                    + " conditioning); write one or pass them explicitly");
        }
        try {
            JsonNode tree = MAPPER.readTree(file.toFile());
            if (tree == null || !tree.isObject()) throw new ModelDirectoryException(file, "malformed: not a JSON object");
            Set<String> known = Arrays.stream(ModelCard.class.getRecordComponents())
                    .map(c -> PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName()))
                    .collect(Collectors.toCollection(TreeSet::new));
            for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
                String field = it.next();   // checked first: a misspelt field otherwise surfaces as "x is required"
                if (!known.contains(field)) throw new ModelDirectoryException(file, "unknown field '" + field + "'; known: " + known);
            }
            return MAPPER.treeToValue(tree, ModelCard.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            String what = cause instanceof ConfigurationException ce ? ce.getMessage() : String.valueOf(cause);
            throw new ModelDirectoryException(file, what);
        } catch (UnrecognizedPropertyException e) {
            throw new ModelDirectoryException(file, "unknown field '" + e.getPropertyName() + "' at " + location(e)
                    + "; known: " + e.getKnownPropertyIds());
        } catch (JacksonException e) {
            throw new ModelDirectoryException(file, "malformed: " + e.getOriginalMessage() + " at " + location(e));
        } catch (IOException e) {
            throw new ModelDirectoryException(file, "cannot be read: " + e.getMessage());
        }
    }

    private static String location(JacksonException e) {
        String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m ? m.getPathReference() : null;
        var loc = e.getLocation();
        String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return path == null || path.isEmpty() ? where : path + " (" + where + ")";
    }

    /** Writes {@code card} to {@code dir/diffuse4j.json} (creating the directory). */
    public static Path write(Path dir, ModelCard card) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            Files.writeString(file, toJson(card) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The card as indented JSON. */
    public static String toJson(ModelCard card) {
        try {
            return MAPPER.writeValueAsString(card);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise " + card, e);
        }
    }

    /** Parses a card from JSON text (for tests and tools). */
    public static ModelCard parse(String json) {
        try {
            return MAPPER.readValue(json, ModelCard.class);
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof ConfigurationException ce) throw ce;
            throw new ConfigurationException("model card", e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new ConfigurationException("model card", e.getOriginalMessage());
        }
    }
}
