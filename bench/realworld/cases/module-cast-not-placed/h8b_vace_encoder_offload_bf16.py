# source: https://github.com/kijai/ComfyUI-WanVideoWrapper/issues/416
# error: RuntimeError: Input type (CUDABFloat16Type) and weight type (CPUBFloat16Type) should be the same
# pattern: module-cast-not-placed
# shape: class, helper
# bug-lines: 43
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

main_device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
offload_device = torch.device("cpu")


class VaceEncoder(nn.Module):
    def __init__(self, in_channels=96, dim=1536, patch=(1, 2, 2)):
        super().__init__()
        self.patch_embedding = nn.Conv3d(in_channels, dim, kernel_size=patch, stride=patch)
        self.blocks = nn.ModuleList(nn.Linear(dim, dim) for _ in range(2))

    def forward(self, control_latents):
        x = self.patch_embedding(control_latents).flatten(2).transpose(1, 2)
        hints = []
        for block in self.blocks:
            x = x + block(x)
            hints.append(x)
        return hints


def load_state(path):
    if path is None:
        return None
    return torch.load(path, map_location=offload_device)


class WanVideoVaceSampler:
    def __init__(self, vace_path=None, base_dtype=torch.bfloat16):
        self.dtype = base_dtype
        self.vace = VaceEncoder()
        state = load_state(vace_path)
        if state is not None:
            self.vace.load_state_dict(state)
        self.vace.to(dtype=base_dtype)
        self.vace.eval()

    def encode_control(self, control_latents):
        control_latents = control_latents.to(main_device, self.dtype)
        with torch.no_grad():
            return self.vace(control_latents)

    def process(self, latents, control_latents, steps=4):
        hints = self.encode_control(control_latents)
        for step in range(steps):
            guidance = sum(h.mean() for h in hints)
            latents = latents - 0.1 * guidance.to(latents.dtype)
        return latents


if __name__ == "__main__":
    sampler = WanVideoVaceSampler()
    latents = torch.randn(1, 16, 21, 60, 104, device=main_device, dtype=torch.bfloat16)
    control = torch.randn(1, 96, 21, 60, 104)
    print(sampler.process(latents, control).shape)
