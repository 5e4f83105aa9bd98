# source: https://github.com/huggingface/diffusers/issues/8780
# error: none (correct: fp32 trainable params with a half frozen base, run under autocast)
# shape: helper, loader-loop
# looks-like: partial-dtype-cast
# cpu: clean
# needs: torch
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class LoRAUNet(nn.Module):
    def __init__(self, dim=16, r=4):
        super().__init__()
        self.base = nn.Linear(dim, dim)
        self.lora_down = nn.Linear(dim, r, bias=False)
        self.lora_up = nn.Linear(r, dim, bias=False)

    def forward(self, x):
        return self.base(x) + self.lora_up(self.lora_down(x))


def cast_training_params(model, dtype=torch.float32):
    for param in model.parameters():
        if param.requires_grad:
            param.data = param.to(dtype)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    weight_dtype = torch.float16 if device.type == "cuda" else torch.bfloat16
    unet = LoRAUNet()
    unet.base.requires_grad_(False)
    unet.to(device, dtype=weight_dtype)
    cast_training_params(unet, dtype=torch.float32)
    opt = torch.optim.AdamW([p for p in unet.parameters() if p.requires_grad], lr=1e-4)
    data = TensorDataset(torch.randn(8, 16), torch.randn(8, 16))
    for latents, target in DataLoader(data, batch_size=4):
        noisy_latents = latents.to(device, dtype=weight_dtype)
        with torch.autocast(device_type=device.type, dtype=weight_dtype):
            pred = unet(noisy_latents)
        loss = nn.functional.mse_loss(pred.float(), target.to(device))
        loss.backward()
        opt.step()
        opt.zero_grad()
        print(loss.item())
