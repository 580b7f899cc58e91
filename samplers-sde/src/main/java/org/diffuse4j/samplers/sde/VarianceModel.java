package org.diffuse4j.samplers.sde;

import org.diffuse4j.api.Model;
import org.diffuse4j.api.NoiseLevel;
import org.diffuse4j.api.Tensor;

/**
 * The model as a learned-variance solver sees it: the usual {@link Model} plus the network's variance output
 * (see {@link VarianceDenoiser}). {@link LearnedVariance#sample} hands solvers such a model; a solver asked for a
 * learned variance refuses any other with a {@code ConfigurationException} naming {@code variance_type}.
 */
public interface VarianceModel extends Model {
    /** The variance output at (x, level), as {@link VarianceDenoiser#predictVariance} defines it. */
    Tensor variance(Tensor x, NoiseLevel level);
}
