# source: https://github.com/huggingface/diffusers/issues/3089
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: class, helper
# looks-like: type-as-cpu
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import torch


class DDIMSampler:
    def __init__(self, num_train_timesteps=1000, beta_start=0.00085, beta_end=0.012):
        self.num_train_timesteps = num_train_timesteps
        betas = torch.linspace(beta_start ** 0.5, beta_end ** 0.5, num_train_timesteps) ** 2
        self.alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
        self.timesteps = None
        self.step_ratio = 1

    def set_timesteps(self, num_inference_steps, device):
        self.step_ratio = self.num_train_timesteps // num_inference_steps
        steps = torch.arange(0, num_inference_steps) * self.step_ratio
        self.timesteps = steps.flip(0).to(device)

    def _gather(self, table, t, like):
        values = table.type_as(like)[t]
        return values.view(-1, *([1] * (like.dim() - 1)))

    def step(self, eps, t, sample):
        prev_t = t - self.step_ratio
        a_t = self._gather(self.alphas_cumprod, t, sample)
        a_prev = self._gather(self.alphas_cumprod, prev_t.clamp(min=0), sample)
        first = (prev_t < 0).view(-1, *([1] * (sample.dim() - 1)))
        a_prev = torch.where(first, torch.ones_like(a_prev), a_prev)
        x0 = (sample - (1 - a_t).sqrt() * eps) / a_t.sqrt()
        return a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps


@torch.no_grad()
def sample(unet, sampler, text_embeds, shape, steps=50, device="cuda"):
    sampler.set_timesteps(steps, device=device)
    x = torch.randn(shape, device=device, dtype=torch.float16)
    for t in sampler.timesteps:
        t_batch = t.expand(shape[0])
        eps = unet(x, t_batch, encoder_hidden_states=text_embeds).sample
        x = sampler.step(eps, t_batch, x)
    return x


if __name__ == "__main__":
    from diffusers import UNet2DConditionModel

    unet = UNet2DConditionModel.from_pretrained(
        "runwayml/stable-diffusion-v1-5", subfolder="unet", torch_dtype=torch.float16
    ).to("cuda")
    cond = torch.zeros(2, 77, 768, device="cuda", dtype=torch.float16)
    print(sample(unet, DDIMSampler(), cond, (2, 4, 64, 64)).shape)
