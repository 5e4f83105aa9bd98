# source: https://github.com/AIFSH/ComfyUI-MuseTalk_FSH/issues/3
# error: RuntimeError: expected scalar type Float but found Half
# pattern: input-dtype-mismatch
# shape: multi-file, class, loader-loop
# bug-lines: 30, 33
# needs: torch, numpy, diffusers
# cpu: no written where torch was not installed; not run
"""Real-time lip-sync avatar: audio features + cached face latents -> predicted mouth latents."""
import numpy as np
import torch

from audio_chunks import datagen, feature_chunks
from lipsync_models import load_all_models


class Avatar:
    def __init__(self, avatar_dir, cfg):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.unet, self.pe = load_all_models(cfg, self.device)
        self.latent_cycle = torch.load(f"{avatar_dir}/latents.pt")  # list of (1, 8, 32, 32)
        self.timesteps = torch.tensor([0], device=self.device)
        self.batch_size = cfg.get("batch_size", 8)

    @torch.no_grad()
    def inference(self, whisper_feature_path, fps=25):
        whisper_feature = np.load(whisper_feature_path)  # (T, 5, 384) float32
        chunks = feature_chunks(whisper_feature, fps=fps)
        results = []
        for whisper_batch, latent_batch in datagen(chunks, self.latent_cycle, self.batch_size):
            audio_feature_batch = torch.from_numpy(whisper_batch).to(self.device)
            audio_feature_batch = self.pe(audio_feature_batch)
            latent_batch = latent_batch.to(device=self.device, dtype=self.unet.dtype)
            out = self.unet.model(latent_batch, self.timesteps, encoder_hidden_states=audio_feature_batch)
            pred_latents = out.sample
            results.append(pred_latents.float().cpu())
        return torch.cat(results, dim=0)


if __name__ == "__main__":
    cfg = {
        "unet_config": "models/musetalk/musetalk.json",
        "unet_weights": "models/musetalk/pytorch_model.bin",
        "use_float16": True,
        "batch_size": 8,
    }
    avatar = Avatar("results/avatars/avator_1", cfg)
    latents = avatar.inference("data/audio/yongen_whisper.npy")
    print("predicted latents:", tuple(latents.shape))
