# source: https://github.com/huggingface/diffusers/pull/648
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: type-as-cpu
# shape: class, loader-loop, batch-dict
# bug-lines: 27, 30
# needs: torch, diffusers
# cpu: no written where torch was not installed; not run
import torch
import torch.nn.functional as F


class NoiseSchedule:
    """Plain schedule object (not an nn.Module) shared by the trainer and the sampler."""

    def __init__(self, num_steps=1000, beta_start=0.00085, beta_end=0.012):
        self.num_steps = num_steps
        self.betas = torch.linspace(beta_start ** 0.5, beta_end ** 0.5, num_steps) ** 2
        self.alphas_cumprod = torch.cumprod(1.0 - self.betas, dim=0)

    def coefficients(self, t, ndim):
        a = self.alphas_cumprod[t.cpu()].view(-1, *([1] * (ndim - 1)))
        return a.sqrt(), (1.0 - a).sqrt()

    def add_noise(self, x0, t):
        noise = torch.randn_like(x0)
        # keep the noise in the schedule's precision so fp16 latents do not drift
        noise = noise.type_as(self.alphas_cumprod)
        sqrt_a, sqrt_1ma = self.coefficients(t, x0.dim())
        sqrt_a, sqrt_1ma = sqrt_a.to(x0.device), sqrt_1ma.to(x0.device)
        return sqrt_a * x0 + sqrt_1ma * noise, noise


def train_epoch(unet, loader, schedule, optimizer, device):
    unet.train()
    total = 0.0
    for step, (latents, text_embeds) in enumerate(loader):
        latents = latents.to(device)
        text_embeds = text_embeds.to(device)
        t = torch.randint(0, schedule.num_steps, (latents.size(0),), device=device)
        noisy, noise = schedule.add_noise(latents, t)
        pred = unet(noisy, t, encoder_hidden_states=text_embeds).sample
        loss = F.mse_loss(pred.float(), noise.float())
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / max(step + 1, 1)


if __name__ == "__main__":
    from diffusers import UNet2DConditionModel
    from torch.utils.data import DataLoader, TensorDataset

    device = "cuda"
    unet = UNet2DConditionModel(sample_size=32, cross_attention_dim=768).to(device)
    data = TensorDataset(torch.randn(64, 4, 32, 32), torch.randn(64, 77, 768))
    loader = DataLoader(data, batch_size=8, shuffle=True)
    optimizer = torch.optim.AdamW(unet.parameters(), lr=1e-5)
    print(train_epoch(unet, loader, NoiseSchedule(), optimizer, device))
