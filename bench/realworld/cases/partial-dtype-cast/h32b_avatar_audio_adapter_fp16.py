# source: https://github.com/smthemex/ComfyUI_HunyuanAvatar_Sm/issues/3
# error: RuntimeError: mat1 and mat2 must have the same dtype, but got Float and Half
# pattern: partial-dtype-cast
# shape: class, loader-loop, batch-dict
# bug-lines: 66, 76
# needs: torch
# cpu: no written where torch was not installed; not run

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

from avatar_data import TalkingHeadClips  # yields dicts: latents, audio_feats


class AudioProjector(nn.Module):
    def __init__(self, audio_dim=384, hidden=1024, out_dim=768):
        super().__init__()
        self.proj1 = nn.Linear(audio_dim, hidden)
        self.proj2 = nn.Linear(hidden, out_dim)

    def forward(self, audio_embeds):
        return self.proj2(torch.relu(self.proj1(audio_embeds)))


class MlpBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(dim, dim * 4), nn.Linear(dim * 4, dim)

    def forward(self, x):
        return x + self.fc2(torch.nn.functional.gelu(self.fc1(x)))


class VideoBackbone(nn.Module):
    def __init__(self, in_ch=16, dim=768, depth=8):
        super().__init__()
        self.patch_embed = nn.Conv3d(in_ch, dim, kernel_size=(1, 2, 2), stride=(1, 2, 2))
        self.blocks = nn.Sequential(*[MlpBlock(dim) for _ in range(depth)])
        self.out = nn.Linear(dim, in_ch * 4)

    def embed(self, latents):
        return self.patch_embed(latents).flatten(2).transpose(1, 2)


class AvatarDenoiser(nn.Module):
    def __init__(self):
        super().__init__()
        self.audio_adapter = AudioProjector()
        self.backbone = VideoBackbone()

    def forward(self, latents, audio_feats):
        video_tokens = self.backbone.embed(latents)
        audio_tokens = self.audio_adapter(audio_feats)
        tokens = torch.cat([video_tokens, audio_tokens], dim=1)
        hidden = self.backbone.blocks(tokens)
        return self.backbone.out(hidden[:, : video_tokens.shape[1]])


@torch.no_grad()
def run_clips(model, loader, device):
    outputs = []
    for batch in loader:
        latents = batch["latents"].to(device, dtype=torch.float16)
        audio = batch["audio_feats"].to(device)  # whisper encoder features
        outputs.append(model(latents, audio).float().cpu())
    return outputs


if __name__ == "__main__":
    device = torch.device("cuda")
    model = AvatarDenoiser()
    model.load_state_dict(torch.load("ckpts/avatar_denoiser.pt", map_location="cpu"))
    model.to(device).eval()
    # only the large video transformer needs fp16 to fit on a 24GB card
    model.backbone.half()

    loader = DataLoader(TalkingHeadClips("data/clips"), batch_size=2)  # default collate keeps the dict
    preds = run_clips(model, loader, device)
    print(len(preds), preds[0].shape)
