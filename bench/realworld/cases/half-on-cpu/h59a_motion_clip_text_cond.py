# source: https://github.com/EricGuo5513/HumanML3D/issues/51
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class
# bug-lines: 33
# needs: torch, clip
# cpu: no written where torch was not installed; not run
"""Text-conditioned motion diffusion denoiser with a frozen CLIP text encoder.

`sample_cpu.py`-style entry point: generate a few motions on a CPU-only login node.
"""
import clip
import torch
import torch.nn as nn


class TextCondMotionDenoiser(nn.Module):
    def __init__(self, njoints=263, latent_dim=512, clip_version="ViT-B/32", n_layers=8):
        super().__init__()
        self.input_proj = nn.Linear(njoints, latent_dim)
        self.time_embed = nn.Sequential(nn.Linear(1, latent_dim), nn.SiLU(), nn.Linear(latent_dim, latent_dim))
        self.text_proj = nn.Linear(512, latent_dim)
        layer = nn.TransformerEncoderLayer(latent_dim, nhead=4, dim_feedforward=1024, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=n_layers)
        self.output_proj = nn.Linear(latent_dim, njoints)
        self.clip_version = clip_version
        self.clip_model = self.load_and_freeze_clip(clip_version)

    @staticmethod
    def load_and_freeze_clip(clip_version):
        clip_model, _ = clip.load(clip_version, device="cpu", jit=False)
        # keep the frozen text tower in fp16 to save memory during training
        clip.model.convert_weights(clip_model)
        clip_model.eval()
        for p in clip_model.parameters():
            p.requires_grad = False
        return clip_model

    def encode_text(self, raw_text):
        device = next(self.input_proj.parameters()).device
        tokens = clip.tokenize(raw_text, truncate=True).to(device)
        return self.clip_model.encode_text(tokens).float()

    def forward(self, x, timesteps, raw_text):
        cond = self.text_proj(self.encode_text(raw_text)).unsqueeze(1)
        t = self.time_embed(timesteps.float().view(-1, 1) / 1000.0).unsqueeze(1)
        h = self.input_proj(x) + t + cond
        return self.output_proj(self.encoder(h))


@torch.no_grad()
def sample(model, prompts, n_frames=120, steps=50):
    x = torch.randn(len(prompts), n_frames, 263)
    for i in reversed(range(steps)):
        t = torch.full((len(prompts),), i * (1000 // steps), dtype=torch.long)
        x0_hat = model(x, t, prompts)
        x = x0_hat + (i / steps) * torch.randn_like(x) * 0.1
    return x


if __name__ == "__main__":
    model = TextCondMotionDenoiser()
    ckpt = torch.load("save/humanml_trans_enc_512/model000475000.pt", map_location="cpu")
    model.load_state_dict(ckpt, strict=False)
    model.eval()
    motions = sample(model, ["a person walks forward and waves", "someone jumps twice"])
    print(motions.shape)
