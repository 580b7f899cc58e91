package org.diffuse4j.cli.replay;

/** A reference configuration that replay cannot build; the message names the key and value. */
public class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayException(String message) { super(message); }
}
