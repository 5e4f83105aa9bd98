# source: https://github.com/neonbjb/tortoise-tts/issues/855
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: class, helper
# bug-lines: 43
# needs: torch
# cpu: no written where torch was not installed; not run
import os

import torch
import torch.nn as nn

MODELS_DIR = os.environ.get("TTS_MODELS_DIR", os.path.expanduser("~/.cache/fast_tts"))


def pick_device(requested=None):
    if requested is not None:
        return torch.device(requested)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


class ConditioningEncoder(nn.Module):
    def __init__(self, n_mels=80, dim=512):
        super().__init__()
        self.proj = nn.Conv1d(n_mels, dim, kernel_size=1)

    def forward(self, mel):
        return self.proj(mel).mean(dim=-1)


class FastTextToSpeech:
    def __init__(self, models_dir=MODELS_DIR, device=None, half=False):
        self.models_dir = models_dir
        self.device = pick_device(device)
        self.half = half and self.device.type == "cuda"
        self.cond_encoder = ConditioningEncoder()
        state = torch.load(self._path("cond_encoder.pth"), map_location="cpu")
        self.cond_encoder.load_state_dict(state)
        self.hifi_decoder = torch.load(self._path("hifidecoder.pth"), weights_only=False)
        self.cond_encoder = self.cond_encoder.to(self.device).eval()
        self.hifi_decoder = self.hifi_decoder.to(self.device).eval()

    def _path(self, name):
        return os.path.join(self.models_dir, name)

    @torch.no_grad()
    def speak(self, latents, voice_mel):
        cond = self.cond_encoder(voice_mel.to(self.device))
        latents = latents.to(self.device)
        if self.half:
            with torch.autocast("cuda", dtype=torch.float16):
                wav = self.hifi_decoder(latents, g=cond.unsqueeze(-1))
        else:
            wav = self.hifi_decoder(latents, g=cond.unsqueeze(-1))
        return wav.squeeze().float().cpu()


if __name__ == "__main__":
    tts = FastTextToSpeech()
    dummy_latents = torch.randn(1, 1024, 120)
    dummy_voice = torch.randn(1, 80, 200)
    audio = tts.speak(dummy_latents, dummy_voice)
    print("generated", audio.shape[-1], "samples on", tts.device)
