#!/usr/bin/env python3
"""Independent NumPy transcriptions of reference sampling loops, on the exact mixture denoiser of
../shared/bench/problems.json, to check `./diffuse4j replay` outputs of configurations that have no public
golden file. Usage (numpy only; torch is not needed):

  ./diffuse4j replay --out r.json CONFIG.json           # a golden-format file with the configuration
  python3 benchmarks/oracles/numpy_oracles.py euler-zsnr linspace|trailing r.json
  python3 benchmarks/oracles/numpy_oracles.py kdiff-euler-vp r.json
  python3 benchmarks/oracles/numpy_oracles.py euler-set-timesteps    # σ lists of diffusers' test configuration

euler-zsnr: diffusers EulerDiscreteScheduler, epsilon prediction, rescale_betas_zero_snr=True (Lin et al. 2024,
arXiv:2305.08891, Algorithm 1, then alphas_cumprod[-1] = 2**-24), as its set_timesteps/step compute it.
kdiff-euler-vp: k-diffusion sample_euler on get_sigmas_vp(n, 19.9, 0.1, 1e-3).
Prints the largest relative difference per run (|a - b| / max(|b|, 1e-6), as the golden tests measure it).
"""
import json
import os
import sys

import numpy as np

BENCH = os.environ.get("DIFFUSE4J_BENCH", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "bench"))
P = json.load(open(os.path.join(BENCH, "problems.json")))


def eps_hat(prob, x, alpha, sigma):
    """ε̂ = Σ_k w_k σ (x − α μ_k)/c_k, c_k = α² s_k² + σ² (problems.json exact_denoiser, second form)."""
    mu = np.array(prob["means"]); sd = np.array(prob["stds"]); pi = np.array(prob["weights"]); d = mu.shape[1]
    c = alpha**2 * sd**2 + sigma**2
    diff = x[:, None, :] - alpha * mu[None]
    logw = np.log(pi)[None] - 0.5 * d * np.log(c)[None] - (diff**2).sum(-1) / (2 * c[None])
    logw -= logw.max(1, keepdims=True)
    w = np.exp(logw); w /= w.sum(1, keepdims=True)
    return (w[:, :, None] * sigma * diff / c[None, :, None]).sum(1)


def rescale_zero_terminal_snr(betas):
    a = 1.0 - betas; ac = np.cumprod(a); s = np.sqrt(ac); s0 = s[0].copy(); sT = s[-1].copy()
    s = s - sT; s = s * (s0 / (s0 - sT)); ab = s**2
    al = np.concatenate([ab[0:1], ab[1:] / ab[:-1]])
    return 1 - al


def euler_ve(prob, sig):
    """The VE Euler loop both references run: x̂₀ = x − σ ε̂, d = (x − x̂₀)/σ, x += d (σ' − σ)."""
    x = np.array(prob["x_T"], dtype=np.float64) * np.sqrt(1 + sig[0]**2)
    for i in range(len(sig) - 1):
        s = sig[i]; alpha = 1 / np.sqrt(s**2 + 1)
        e = eps_hat(prob, x * alpha, alpha, s * alpha)
        x0 = x - s * e; d = (x - x0) / s; x = x + d * (sig[i + 1] - s)
    return x


def euler_zsnr_sigmas(sched, steps, spacing):
    betas = rescale_zero_terminal_snr(np.array(sched["betas"], dtype=np.float64))
    ac = np.cumprod(1.0 - betas); ac[-1] = 2.0**-24
    n = len(ac)
    if spacing == "linspace":
        ts = np.linspace(0, n - 1, steps, dtype=float)[::-1].copy()
    else:
        ts = np.arange(n, 0, -n / steps).round().copy() - 1
    table = np.array(((1 - ac) / ac) ** 0.5)
    return np.concatenate([np.interp(ts, np.arange(0, n), table), [0.0]])


def torch_linspace(a, b, n):
    step = (b - a) / (n - 1)
    return np.array([a + i * step if i < n // 2 else b - (n - 1 - i) * step for i in range(n)])


def vp_sigmas(steps):
    t = torch_linspace(1.0, 1e-3, steps)
    return np.concatenate([np.sqrt(np.exp(19.9 * t**2 / 2 + 0.1 * t) - 1), [0.0]])


def main(argv):
    kind, rest = argv[0], argv[1:]
    spacing = rest.pop(0) if kind == "euler-zsnr" else None
    out = json.load(open(rest[0]))
    for r in out["runs"]:
        if "error" in r:
            print(r["problem"], r["schedule"], r["steps"], "error:", r["error"]); continue
        prob = P["problems"][r["problem"]]
        sig = euler_zsnr_sigmas(P["schedules"][r["schedule"]], r["steps"], spacing) if kind == "euler-zsnr" else vp_sigmas(r["steps"])
        ref = euler_ve(prob, sig); got = np.array(r["samples"])
        rel = np.abs(got - ref) / np.maximum(np.abs(ref), 1e-6)
        print(r["problem"], r["schedule"], r["steps"], "max relative difference %.2e" % rel.max())




def diffusers_euler_set_timesteps(n, train=1100, beta_start=0.0001, beta_end=0.02, interpolation="linear",
                                  sigma_kind="interpolated", rescale=False):
    """EulerDiscreteScheduler/HeunDiscreteScheduler.set_timesteps(n) (linspace spacing), transcribed from diffusers:
    returns (timesteps, sigmas with the final 0). sigma_kind: interpolated or beta (scipy.stats.beta.ppf, a = b = 0.6)."""
    import scipy.stats
    betas = np.linspace(beta_start, beta_end, train, dtype=np.float64)
    if rescale:
        betas = rescale_zero_terminal_snr(betas)
    ac = np.cumprod(1.0 - betas)
    if rescale:
        ac[-1] = 2.0**-24
    ts = np.linspace(0, train - 1, n, dtype=float)[::-1].copy()
    table = np.array(((1 - ac) / ac) ** 0.5)
    log_sigmas = np.log(table)
    if interpolation == "log_linear":
        sig = np.exp(np.array([np.log(table[-1]) + i * (np.log(table[0]) - np.log(table[-1])) / n if i < (n + 1) // 2
                               else np.log(table[0]) - (n - i) * (np.log(table[0]) - np.log(table[-1])) / n for i in range(n + 1)]))
    else:
        sig = np.interp(ts, np.arange(0, len(table)), table)
    if sigma_kind == "beta":
        lo, hi = sig[-1], sig[0]
        sig = np.array([lo + ppf * (hi - lo) for ppf in [scipy.stats.beta.ppf(1 - t, 0.6, 0.6) for t in np.linspace(0, 1, n)]])
        def sigma_to_t(s):
            d = np.log(s) - log_sigmas[:, None]
            low = np.cumsum(d >= 0, axis=0).argmax(axis=0).clip(max=len(log_sigmas) - 2)
            w = np.clip((log_sigmas[low] - np.log(s)) / (log_sigmas[low] - log_sigmas[low + 1]), 0, 1)
            return (1 - w) * low + w * (low + 1)
        ts = np.array([sigma_to_t(np.array([s]))[0] for s in sig])
    return ts, np.concatenate([sig, [0.0]])


if __name__ == "__main__":
    if sys.argv[1:2] == ["euler-set-timesteps"]:  # the σ lists ZeroSnr/suite tests compare with
        for kw in [dict(interpolation="log_linear"), dict(sigma_kind="beta"), dict(rescale=True)]:
            ts, s = diffusers_euler_set_timesteps(10, **kw)
            print(kw, "timesteps", [float(v) for v in ts], "sigmas", [float(v) for v in s])
    else:
        main(sys.argv[1:])
