package org.diffuse4j.api;

/**
 * A plugin broke the contract it declared: for example a solver made a different number of model
 * calls than it declared, or a denoiser returned a prediction of the wrong shape.
 */
public class ContractViolationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ContractViolationException(String message) { super(message); }
}
