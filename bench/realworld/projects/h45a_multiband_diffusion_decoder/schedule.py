# source: https://github.com/facebookresearch/audiocraft/issues/209
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: cache-builder-cpu-default
# shape: multi-file, class
# bug-lines: 26, 36
# needs: torch
# cpu: no written where torch was not installed; not run
"""DDPM noise schedule with cached betas / alpha-bars for band-wise diffusion decoders."""
import torch


class SampleProcessor(torch.nn.Module):
    def project_sample(self, x):
        return x

    def return_sample(self, x):
        return x


class NoiseSchedule:
    def __init__(self, beta_t0=1e-4, beta_t1=0.02, num_steps=1000, beta_exp=1.0,
                 clip=5.0, device="cpu", sample_processor=None, **kwargs):
        self.num_steps = num_steps
        self.clip = clip
        self.sample_processor = sample_processor or SampleProcessor()
        self.betas = torch.linspace(beta_t0 ** (1 / beta_exp), beta_t1 ** (1 / beta_exp),
                                    num_steps, device=device) ** beta_exp
        self.alpha_bars = torch.cumprod(1.0 - self.betas, dim=0)

    @torch.no_grad()
    def generate(self, model, initial, condition, step_list=None):
        steps = step_list or list(range(self.num_steps))[::-1]
        x = initial
        for i, step in enumerate(steps):
            t = torch.full((x.size(0),), step, device=x.device, dtype=torch.long)
            alpha_bar = self.alpha_bars[t].view(-1, 1, 1)
            beta = 1.0 - alpha_bar / (self.alpha_bars[t - 1].view(-1, 1, 1) if step > 0 else 1.0)
            eps = model(x, t, condition=condition)
            x = (x - beta / (1.0 - alpha_bar).sqrt() * eps) / (1.0 - beta).sqrt()
            if i < len(steps) - 1:
                x = x + beta.sqrt() * torch.randn_like(x)
            x = x.clamp(-self.clip, self.clip)
        return self.sample_processor.return_sample(x)
