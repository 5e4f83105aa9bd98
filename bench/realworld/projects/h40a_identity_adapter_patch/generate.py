# source: https://github.com/sipie800/ComfyUI-PuLID-Flux-Enhanced/issues/35
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument weight in method wrapper_CUDA__native_layer_norm)
# pattern: adapter-after-placement
# shape: multi-file, class, top-level
# bug-lines: 49
# needs: torch
# cpu: no written where torch was not installed; not run
"""Sample latents with an identity-conditioned denoiser."""
import torch
import torch.nn as nn

from adapter import IdentityAdapter
from patch import attach_identity_adapter


class DenoiserBackbone(nn.Module):
    def __init__(self, in_dim=64, dim=1024, depth=16):
        super().__init__()
        self.proj_in = nn.Linear(in_dim, dim)
        self.blocks = nn.ModuleList([nn.TransformerEncoderLayer(dim, 8, 4 * dim, batch_first=True)
                                     for _ in range(depth)])
        self.proj_out = nn.Linear(dim, in_dim)
        self.time_mlp = nn.Sequential(nn.Linear(1, dim), nn.SiLU(), nn.Linear(dim, dim))

    def forward(self, latents, timestep_emb):
        hidden = self.proj_in(latents) + timestep_emb[:, None, :]
        for block in self.blocks:
            hidden = block(hidden)
        return self.proj_out(hidden)


@torch.no_grad()
def sample(backbone, steps=20, tokens=256, device="cuda"):
    x = torch.randn(1, tokens, 64, device=device)
    for t in torch.linspace(1.0, 0.0, steps, device=device):
        t_emb = backbone.time_mlp(t.view(1, 1))
        x = x - (1.0 / steps) * backbone(x, t_emb)
    return x


if __name__ == "__main__":
    device = torch.device("cuda")
    backbone = DenoiserBackbone()
    backbone.load_state_dict(torch.load("denoiser.pt", map_location="cpu"))
    backbone.to(device).eval()

    adapter = IdentityAdapter.from_pretrained("identity_adapter_v1.pt")
    face_embedding = torch.load("face_embedding.pt").to(device)
    attach_identity_adapter(backbone, adapter, face_embedding, weight=1.0, node_id="face0")
    latents = sample(backbone, device=device)
    torch.save(latents.cpu(), "latents.pt")
