/**
 * Time grids: uniform in t, quadratic in t, uniform in λ (logSNR), Karras ρ-spaced σ/α, explicit
 * lists, and the timestep spacings of diffusers (linspace, leading, trailing with steps_offset).
 */
package org.diffuse4j.api.grid;
