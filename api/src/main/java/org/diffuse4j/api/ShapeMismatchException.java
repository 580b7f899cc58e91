package org.diffuse4j.api;

/** A tensor, a prediction or an input has the wrong shape; the message gives both shapes. */
public class ShapeMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeMismatchException(String message) { super(message); }
}
