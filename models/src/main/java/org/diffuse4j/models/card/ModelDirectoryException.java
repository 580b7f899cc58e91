package org.diffuse4j.models.card;

import java.nio.file.Path;
import org.diffuse4j.api.ConfigurationException;

/**
 * A model directory is missing, incomplete or malformed. The message names the path and what is
 * missing or wrong there, e.g. {@code model: /m/ring: no saved_model.pb (not a TensorFlow SavedModel directory)}.
 */
public class ModelDirectoryException extends ConfigurationException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;

    public ModelDirectoryException(Path path, String problem) {
        super("model", path + ": " + problem);
        this.path = path;
    }

    /** The file or directory at fault. */
    public Path path() { return path; }
}
