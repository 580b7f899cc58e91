package org.diffuse4j.api;

/** The caller cancelled a sampling run; the message names the step reached. */
public class SamplingCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SamplingCancelledException(int step) { super("sampling cancelled at step " + step); }
}
