"""Reference runs of diffusers (58eb52c) schedulers and k-diffusion (4601bf0) samplers on a small problem
with recorded noise, in float64, for diffuse4j's samplers-sde cross-check (SdeReferenceTest).
Problem: 3 rows x 2 values, data N(mu, s^2) with mu = (0.3, -0.2), s = 0.7, its exact denoiser (posterior mean);
noise draws and x_T from numpy default_rng(20240601). Betas: scaled_linear(0.00085, 0.012, 1000) in float64.
The scheduler modules are imported from the diffusers source (src/diffusers/schedulers/scheduling_*.py) and
k_diffusion/sampling.py with minimal stand-ins for diffusers' configuration_utils/utils (register_to_config,
BaseOutput, randn_tensor replaying the recorded draws) and for torchsde/tqdm; each scheduler's float32 tables are
replaced by float64 ones (betas, alphas_cumprod, sigmas) and DPMSolverMultistepScheduler's float32 upcast of the
sample and noise is made float64, so that every reference runs in double precision.

Run: python3 reference_runs.py DIFFUSERS_CHECKOUT K_DIFFUSION_CHECKOUT OUT.json OUT.txt (torch 1.13, numpy, scipy)."""
import sys, os, math, json, tempfile, shutil

def _stage(diffusers_dir, kdiffusion_dir):
    root = tempfile.mkdtemp(prefix="sde_reference_")
    def write(rel, text):
        path = os.path.join(root, rel); os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "w").write(text)
    write("diffusers/__init__.py", "")
    write("diffusers/configuration_utils.py", """import functools, inspect
class _Config(dict):
    def __getattr__(self, k):
        try: return self[k]
        except KeyError: raise AttributeError(k)
class ConfigMixin:
    def register_to_config(self, **kw):
        if not hasattr(self, "_cfg"): self._cfg = _Config()
        self._cfg.update(kw)
    @property
    def config(self): return self._cfg
def register_to_config(init):
    sig = inspect.signature(init)
    @functools.wraps(init)
    def wrapper(self, *args, **kwargs):
        bound = sig.bind(self, *args, **kwargs); bound.apply_defaults()
        d = dict(bound.arguments); d.pop("self")
        self._cfg = _Config(d)
        init(self, *args, **kwargs)
    return wrapper
""")
    write("diffusers/utils/__init__.py", """import logging as _logging
class BaseOutput:
    pass
def deprecate(*a, **k): pass
def is_scipy_available(): return True
class logging:
    @staticmethod
    def get_logger(name): return _logging.getLogger(name)
""")
    write("diffusers/utils/torch_utils.py", """DRAWS = []
CONSUMED = [0]
def randn_tensor(shape, generator=None, device=None, dtype=None, layout=None):
    t = DRAWS[CONSUMED[0]]
    CONSUMED[0] += 1
    assert tuple(t.shape) == tuple(shape), (t.shape, shape)
    return t.clone()
""")
    write("diffusers/schedulers/__init__.py", "")
    write("diffusers/schedulers/scheduling_utils.py", """import enum
from dataclasses import dataclass
import torch
class KarrasDiffusionSchedulers(enum.Enum):
    A = 1
class SchedulerMixin:
    pass
@dataclass
class SchedulerOutput:
    prev_sample: torch.Tensor
""")
    for name in ["ddpm", "ddim", "dpmsolver_multistep", "sasolver", "lcm", "tcd", "consistency_models", "sde_ve"]:
        text = open(os.path.join(diffusers_dir, "src/diffusers/schedulers/scheduling_%s.py" % name)).read()
        if name == "dpmsolver_multistep":
            text = text.replace("torch.float32", "torch.float64")
        write("diffusers/schedulers/scheduling_%s.py" % name, text)
    write("k_diffusion/__init__.py", "")
    write("k_diffusion/utils.py", """def append_dims(x, target_dims):
    return x[(...,) + (None,) * (target_dims - x.ndim)]
""")
    shutil.copy(os.path.join(kdiffusion_dir, "k_diffusion/sampling.py"), os.path.join(root, "k_diffusion/sampling.py"))
    write("torchsde.py", "")
    write("torchdiffeq.py", "def odeint(*a, **k): raise RuntimeError\n")
    write("tqdm/__init__.py", "")
    write("tqdm/auto.py", "def trange(n, disable=None): return range(n)\ndef tqdm(*a, **k): raise RuntimeError\n")
    return root

sys.path[:0] = [_stage(sys.argv[1], sys.argv[2])]
sys.argv = [sys.argv[0]] + sys.argv[3:]
import numpy as np, torch
torch.set_default_dtype(torch.float64)
from diffusers.utils import torch_utils as TU

rng = np.random.default_rng(20240601)
INIT = rng.standard_normal((3, 2, 1))
DRAWS = [rng.standard_normal((3, 2, 1)) for _ in range(300)]
MU = torch.tensor([[0.3], [-0.2]]); S = 0.7
N = 1000
BETAS = np.linspace(0.00085 ** 0.5, 0.012 ** 0.5, N) ** 2
AC = np.cumprod(1 - BETAS)
SIG = np.sqrt((1 - AC) / AC)

def reset():
    TU.DRAWS[:] = [torch.from_numpy(d.copy()) for d in DRAWS]
    TU.CONSUMED[0] = 0

def x0_ve(x_ve, s):
    g = S * S / (S * S + s * s)
    return MU + g * (x_ve - MU)

def eps_vp(x_vp, alpha, sigma):
    s = sigma / alpha
    xv = x_vp / alpha
    return (xv - x0_ve(xv, s)) / s

def patch_vp(sch):
    sch.betas = torch.from_numpy(BETAS.copy()); sch.alphas = 1 - sch.betas
    sch.alphas_cumprod = torch.cumprod(sch.alphas, 0)
    return sch

CASES = {}
def record(name, x):
    CASES[name] = {"samples": [float(v) for v in x.flatten()], "draws": TU.CONSUMED[0]}

# ---------------- k-diffusion
import k_diffusion.sampling as K
def kd_model(x, sigma, **kw):
    return x0_ve(x, float(sigma[0]))
def ksig(n):
    return K.get_sigmas_karras(n, 0.0292, 14.6146).to(torch.float64)
def draw_sampler(sigma, sigma_next):
    return TU.randn_tensor((3, 2, 1))
def randn_like(x):
    return TU.randn_tensor(tuple(x.shape))
K.torch.randn_like = randn_like  # k-diffusion's churn draws (sample_euler/sample_heun)

def kd(name, fn, n=10, **kw):
    reset()
    sig = ksig(n).double()
    x = torch.from_numpy(INIT.copy()) * sig[0]
    out = fn(kd_model, x, sig, disable=True, **kw)
    record(name, out)

kd("kd_euler_ancestral", K.sample_euler_ancestral, noise_sampler=draw_sampler)
kd("kd_euler_ancestral_eta", K.sample_euler_ancestral, eta=0.5, s_noise=1.1, noise_sampler=draw_sampler)
kd("kd_dpm2_ancestral", K.sample_dpm_2_ancestral, noise_sampler=draw_sampler)
kd("kd_dpmpp_2s_ancestral", K.sample_dpmpp_2s_ancestral, noise_sampler=draw_sampler)
kd("kd_dpmpp_sde", K.sample_dpmpp_sde, noise_sampler=draw_sampler)
kd("kd_dpmpp_sde_r", K.sample_dpmpp_sde, eta=0.8, r=0.3, noise_sampler=draw_sampler)
kd("kd_dpmpp_2m_sde_midpoint", K.sample_dpmpp_2m_sde, noise_sampler=draw_sampler)
kd("kd_dpmpp_2m_sde_heun", K.sample_dpmpp_2m_sde, eta=0.7, solver_type='heun', noise_sampler=draw_sampler)
kd("kd_dpmpp_3m_sde", K.sample_dpmpp_3m_sde, noise_sampler=draw_sampler)
kd("kd_dpmpp_3m_sde_eta", K.sample_dpmpp_3m_sde, eta=0.6, s_noise=0.9, noise_sampler=draw_sampler)
kd("kd_heun_churn", K.sample_heun, s_churn=5.0)
kd("kd_euler_churn_window", K.sample_euler, s_churn=4.0, s_tmin=0.5, s_tmax=5.0, s_noise=1.05)

# ---------------- diffusers
from diffusers.schedulers.scheduling_ddpm import DDPMScheduler
def ddpm(name, n=20, **cfg):
    reset()
    sch = patch_vp(DDPMScheduler(**cfg)); sch.set_timesteps(n)
    x = torch.from_numpy(INIT.copy())
    for t in sch.timesteps:
        k = int(t); a = math.sqrt(float(sch.alphas_cumprod[k])); s = math.sqrt(1 - float(sch.alphas_cumprod[k]))
        x = sch.step(eps_vp(x, a, s), k, x).prev_sample
    record(name, x)
ddpm("df_ddpm_fixed_small", clip_sample=False)
ddpm("df_ddpm_fixed_large_offset", clip_sample=False, variance_type="fixed_large", steps_offset=1)
ddpm("df_ddpm_small_log_clip", variance_type="fixed_small_log", clip_sample=True, clip_sample_range=0.8)
ddpm("df_ddpm_threshold", clip_sample=False, thresholding=True, dynamic_thresholding_ratio=0.6, sample_max_value=1.2)

from diffusers.schedulers.scheduling_ddim import DDIMScheduler
def ddim(name, eta, n=20, use_clipped=False, **cfg):
    reset()
    sch = patch_vp(DDIMScheduler(**cfg)); sch.final_alpha_cumprod = torch.tensor(1.0)
    sch.set_timesteps(n)
    x = torch.from_numpy(INIT.copy())
    for t in sch.timesteps:
        k = int(t); a = math.sqrt(float(sch.alphas_cumprod[k])); s = math.sqrt(1 - float(sch.alphas_cumprod[k]))
        x = sch.step(eps_vp(x, a, s), k, x, eta=eta, use_clipped_model_output=use_clipped).prev_sample
    record(name, x)
ddim("df_ddim_eta1", 1.0, clip_sample=False)
ddim("df_ddim_eta05_clip", 0.5, clip_sample=True, clip_sample_range=0.9)
ddim("df_ddim_eta05_clip_used", 0.5, use_clipped=True, clip_sample=True, clip_sample_range=0.9)

def vp_sigmas(timesteps, final):
    return torch.from_numpy(np.concatenate([np.interp(np.asarray(timesteps, dtype=np.float64), np.arange(N), SIG), [final]]))

from diffusers.schedulers.scheduling_dpmsolver_multistep import DPMSolverMultistepScheduler
def dpm(name, n=12, final=0.0, **cfg):
    reset()
    sch = patch_vp(DPMSolverMultistepScheduler(**cfg)); sch.set_timesteps(n)
    sch.sigmas = vp_sigmas(sch.timesteps.numpy(), final)
    x = torch.from_numpy(INIT.copy())
    for i, t in enumerate(sch.timesteps):
        sg = float(sch.sigmas[i]); a = 1 / math.sqrt(sg * sg + 1)
        x = sch.step(eps_vp(x, a, sg * a), t, x).prev_sample
    record(name, x)
dpm("df_sde_dpmpp_2m", algorithm_type="sde-dpmsolver++")
dpm("df_sde_dpmpp_2m_heun_long", n=20, algorithm_type="sde-dpmsolver++", solver_type="heun")
dpm("df_sde_dpmpp_3m", algorithm_type="sde-dpmsolver++", solver_order=3)
dpm("df_sde_dpm_2", final=float(SIG[0]), algorithm_type="sde-dpmsolver", final_sigmas_type="sigma_min")
dpm("df_sde_dpm_2_heun", n=20, final=float(SIG[0]), algorithm_type="sde-dpmsolver", solver_type="heun", final_sigmas_type="sigma_min")

from diffusers.schedulers.scheduling_sasolver import SASolverScheduler
def sa(name, n=12, **cfg):
    reset()
    sch = patch_vp(SASolverScheduler(**cfg)); sch.set_timesteps(n)
    sch.sigmas = vp_sigmas(sch.timesteps.numpy(), float(SIG[0]))
    x = torch.from_numpy(INIT.copy())
    for i, t in enumerate(sch.timesteps):
        sg = float(sch.sigmas[i]); a = 1 / math.sqrt(sg * sg + 1)
        x = sch.step(eps_vp(x, a, sg * a), t, x).prev_sample
    record(name, x)
sa("df_sasolver")
sa("df_sasolver_33", predictor_order=3, corrector_order=3, n=15)
sa("df_sasolver_noise", algorithm_type="noise_prediction", predictor_order=3, corrector_order=1)
sa("df_sasolver_14", predictor_order=1, corrector_order=4, n=16)

from diffusers.schedulers.scheduling_lcm import LCMScheduler
from diffusers.schedulers.scheduling_tcd import TCDScheduler
CUSTOM = [999, 759, 499, 259, 19]
def lcm(name, cls, step_kw, **cfg):
    reset()
    sch = patch_vp(cls(**cfg)); sch.final_alpha_cumprod = torch.tensor(1.0)
    sch.set_timesteps(timesteps=CUSTOM)
    x = torch.from_numpy(INIT.copy())
    for t in sch.timesteps:
        k = int(t); a = math.sqrt(float(sch.alphas_cumprod[k])); s = math.sqrt(1 - float(sch.alphas_cumprod[k]))
        x = sch.step(eps_vp(x, a, s), t, x, **step_kw).prev_sample
    record(name, x)
lcm("df_lcm", LCMScheduler, {})
lcm("df_lcm_clip", LCMScheduler, {}, clip_sample=True, clip_sample_range=0.5, timestep_scaling=2.0)
lcm("df_tcd", TCDScheduler, {"eta": 0.3})
lcm("df_tcd_07", TCDScheduler, {"eta": 0.7})

from diffusers.schedulers.scheduling_consistency_models import CMStochasticIterativeScheduler
def cm(name, timesteps, **cfg):
    reset()
    sch = CMStochasticIterativeScheduler(**cfg); sch.set_timesteps(timesteps=timesteps)
    c = sch.config
    ramp = np.array(timesteps[::-1], dtype=np.float64) / (c.num_train_timesteps - 1)
    mn, mx = c.sigma_min ** (1 / c.rho), c.sigma_max ** (1 / c.rho)
    sig = (mx + ramp * (mn - mx)) ** c.rho
    sch.sigmas = torch.from_numpy(np.concatenate([sig, [c.sigma_min]]))
    sch.timesteps = torch.from_numpy(1000 * 0.25 * np.log(sig + 1e-44))
    x = torch.from_numpy(INIT.copy()) * float(sch.sigmas[0])
    for t in sch.timesteps:
        xin = sch.scale_model_input(x, t)
        F = 0.5 * xin + 0.1 * math.tanh(float(t) / 100)   # a raw consistency network
        x = sch.step(F, t, x).prev_sample
    record(name, x)
cm("df_cm", [30, 20, 10, 0])
cm("df_cm_clip_one", [39], clip_denoised=True)
cm("df_cm_noclip", [35, 17, 3], clip_denoised=False, s_noise=1.2)

from diffusers.schedulers.scheduling_sde_ve import ScoreSdeVeScheduler
def sdeve(name, n=5, correct_steps=1, **cfg):
    reset()
    sch = ScoreSdeVeScheduler(**cfg); sch.set_sigmas(n); sch.set_timesteps(n)
    ds = sch.discrete_sigmas
    x = torch.from_numpy(INIT.copy()) * float(ds[-1])
    for i, t in enumerate(sch.timesteps):
        sd = float(ds[n - 1 - i])
        score = lambda y: -(y - x0_ve(y, sd)) / (sd * sd)
        for _ in range(correct_steps):
            x = sch.step_correct(score(x), x).prev_sample
        x = sch.step_pred(score(x), t, x).prev_sample
    record(name, x)
sdeve("df_score_sde_ve", sigma_min=0.01, sigma_max=50.0)
sdeve("df_score_sde_ve_2", sigma_min=0.02, sigma_max=20.0, correct_steps=2, snr=0.3)

json.dump({"provenance": __doc__, "init": INIT.flatten().tolist(), "draws": [d.flatten().tolist() for d in DRAWS], "cases": CASES},
          open(sys.argv[1], "w"), indent=1)
print("\n".join(f"{k}: draws={v['draws']} {v['samples'][:2]}" for k, v in CASES.items()))

with open(sys.argv[2], "w") as f:
    f.write("# " + __doc__.replace("\n", "\n# ") + "\n")
    f.write("# script: reference_runs.py (beside this file); numpy " + np.__version__ + ", torch " + torch.__version__ + "\n")
    f.write("init " + " ".join(repr(float(v)) for v in INIT.flatten()) + "\n")
    for d in DRAWS:
        f.write("draw " + " ".join(repr(float(v)) for v in d.flatten()) + "\n")
    for k, v in CASES.items():
        f.write("case " + k + " " + str(v["draws"]) + " " + " ".join(repr(s) for s in v["samples"]) + "\n")
