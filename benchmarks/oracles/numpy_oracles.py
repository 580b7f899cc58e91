#!/usr/bin/env python3
"""Independent NumPy transcriptions of reference sampling loops, on the exact mixture denoiser of
../shared/bench/problems.json, to check `./diffuse4j replay` outputs of configurations that have no public
golden file. Usage (numpy only; torch is not needed):

  ./diffuse4j replay --out r.json CONFIG.json           # a golden-format file with the configuration
  python3 benchmarks/oracles/numpy_oracles.py euler-zsnr linspace|trailing r.json
  python3 benchmarks/oracles/numpy_oracles.py kdiff-euler-vp r.json
  python3 benchmarks/oracles/numpy_oracles.py euler-set-timesteps    # σ lists of diffusers' test configuration
  python3 benchmarks/oracles/numpy_oracles.py unipc 3 vary_coeff r.json  # official UniPC.sample, data prediction

euler-zsnr: diffusers EulerDiscreteScheduler, epsilon prediction, rescale_betas_zero_snr=True (Lin et al. 2024,
arXiv:2305.08891, Algorithm 1, then alphas_cumprod[-1] = 2**-24), as its set_timesteps/step compute it.
kdiff-euler-vp: k-diffusion sample_euler on get_sigmas_vp(n, 19.9, 0.1, 1e-3).
Prints the largest relative difference per run (|a - b| / max(|b|, 1e-6), as the golden tests measure it).
"""
import json
import math
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


def unipc_official(prob, levels, order, variant, lower_order_final=True):
    """The official uni_pc.py UniPC.sample (multistep, data prediction) transcribed: levels = [(alpha, sigma)] of
    t_0 … t_N; bh1/bh2 (multistep_uni_pc_bh_update) or vary_coeff (multistep_uni_pc_vary_update, with its loop-variable
    row for D1_t)."""
    import math
    al = [a for a, s in levels]; sg = [s for a, s in levels]; lam = [math.log(a) - math.log(s) for a, s in levels]
    N = len(levels) - 1
    def x0(x, i):
        return (x - sg[i] * eps_hat(prob, x, al[i], sg[i])) / al[i]
    def update(x, ms, idx, i, K, use_corrector):
        # ms: model outputs at levels idx (oldest first); step from idx[-1] to i
        j0 = idx[-1]; h = lam[i] - lam[j0]; hh = -h; m0 = ms[-1]
        rks = [(lam[idx[-(k + 1)]] - lam[j0]) / h for k in range(1, K)]
        D1s = [(ms[-(k + 1)] - m0) / rks[k - 1] for k in range(1, K)]
        hphi1 = math.expm1(hh)
        xt_ = sg[i] / sg[j0] * x - al[i] * hphi1 * m0
        if variant == "vary_coeff":
            r = np.array(rks + [1.0]); C = []; col = np.ones_like(r)
            for k in range(1, K + 1):
                C.append(col); col = col * r / (k + 1)
            C = np.stack(C, axis=1)
            hphis = []; f = 1; hp = hphi1
            for k in range(1, K + 2):
                hphis.append(hp); hp = hp / hh - 1 / f; f *= (k + 1)
            xt = xt_
            if D1s:
                Ap = np.linalg.inv(C[:-1, :-1])
                for k in range(K - 1):
                    xt = xt - al[i] * hphis[k + 1] * sum(Ap[k][j] * D1s[j] for j in range(K - 1))
            mt = None
            if use_corrector:
                Ac = np.linalg.inv(C); mt = x0(xt, i); D1t = mt - m0; xt = xt_; kk = 0
                for kk in range(K - 1):
                    xt = xt - al[i] * hphis[kk + 1] * sum(Ac[kk][j] * D1s[j] for j in range(K - 1))
                xt = xt - al[i] * hphis[K] * (D1t * Ac[kk][-1])
            return xt, mt
        B = hh if variant == "bh1" else math.expm1(hh)
        hphik = hphi1 / hh - 1; f = 1; b = []
        for k in range(1, K + 1):
            b.append(hphik * f / B); f *= k + 1; hphik = hphik / hh - 1 / f
        R = np.array([[rk ** k for rk in rks + [1.0]] for k in range(K)])
        if D1s:
            rp = np.array([0.5]) if K == 2 else np.linalg.solve(R[:-1, :-1], np.array(b[:-1]))
            pred = sum(rp[j] * D1s[j] for j in range(K - 1))
        else:
            pred = 0
        xt = xt_ - al[i] * B * pred
        mt = None
        if use_corrector:
            rc = np.array([0.5]) if K == 1 else np.linalg.solve(R, np.array(b))
            mt = x0(xt, i)
            corr = sum(rc[j] * D1s[j] for j in range(K - 1)) if D1s else 0
            xt = xt_ - al[i] * B * (corr + rc[-1] * (mt - m0))
        return xt, mt
    x = np.array(prob["x_T"], dtype=np.float64)
    ms = [x0(x, 0)]; idx = [0]
    for step in range(1, order):
        x, mx = update(x, ms, idx, step, step, True)
        if mx is None: mx = x0(x, step)
        ms.append(mx); idx.append(step)
    for step in range(order, N + 1):
        K = min(order, N + 1 - step) if lower_order_final else order
        x, mx = update(x, ms, idx, step, K, step != N)
        ms = ms[1:]; idx = idx[1:] + [step]
        if step < N:
            ms.append(mx if mx is not None else x0(x, step))
    return x


def unipc_check(path, order, variant):
    """Compares a replay output of an official UniPC file (model_calls give α, σ of t_0 … t_{N−1}; t_N = 1/N_train)."""
    out = json.load(open(path))
    for r in out["runs"]:
        ac0 = np.cumprod(1.0 - np.array(P["schedules"][r["schedule"]]["betas"], dtype=np.float64))[0]
        levels = [(c[1], c[2]) for c in r["model_calls"]] + [(math.sqrt(ac0), math.sqrt(1 - ac0))]
        ref = unipc_official(P["problems"][r["problem"]], levels, order, variant)
        got = np.array(r["samples"]); rel = np.abs(got - ref) / np.maximum(np.abs(ref), 1e-6)
        print(r["problem"], r["schedule"], r["steps"], variant, "order", order, "max relative difference %.2e" % rel.max())


if __name__ == "__main__":
    if sys.argv[1:2] == ["unipc"]:  # unipc ORDER VARIANT replay-output.json
        unipc_check(sys.argv[4], int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1:2] == ["euler-set-timesteps"]:  # the σ lists ZeroSnr/suite tests compare with
        for kw in [dict(interpolation="log_linear"), dict(sigma_kind="beta"), dict(rescale=True)]:
            ts, s = diffusers_euler_set_timesteps(10, **kw)
            print(kw, "timesteps", [float(v) for v in ts], "sigmas", [float(v) for v in s])
    else:
        main(sys.argv[1:])
