# source: https://github.com/Stability-AI/stable-audio-3/issues/17
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, helper, class
# bug-lines: 52, 60
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn

from audio_utils import prepare_audio


class ConvAutoencoder(nn.Module):
    def __init__(self, channels=2, latent=64, stride=256):
        super().__init__()
        self.encoder = nn.Conv1d(channels, latent, kernel_size=stride, stride=stride)
        self.decoder = nn.ConvTranspose1d(latent, channels, kernel_size=stride, stride=stride)

    def encode(self, audio):
        return torch.tanh(self.encoder(audio))

    def decode(self, latents):
        return self.decoder(latents)


class LatentDenoiser(nn.Module):
    def __init__(self, latent=64, hidden=256):
        super().__init__()
        self.net = nn.Sequential(nn.Conv1d(latent + 1, hidden, 3, padding=1), nn.SiLU(), nn.Conv1d(hidden, latent, 3, padding=1))

    def forward(self, x, t):
        t_map = t.view(-1, 1, 1).expand(x.shape[0], 1, x.shape[-1]).to(x.dtype)
        return self.net(torch.cat([x, t_map], dim=1))


class AudioGenPipeline:
    def __init__(self, pretransform, denoiser, sample_rate=44100, sample_size=2097152, device="cuda"):
        self.pretransform = pretransform
        self.denoiser = denoiser
        self.sample_rate = sample_rate
        self.sample_size = sample_size
        self.device = torch.device(device)

    @classmethod
    def from_pretrained(cls, ckpt_path, model_half=True, device="cuda"):
        state = torch.load(ckpt_path, map_location="cpu")
        pretransform, denoiser = ConvAutoencoder(), LatentDenoiser()
        pretransform.load_state_dict(state["pretransform"])
        denoiser.load_state_dict(state["denoiser"])
        dtype = torch.float16 if model_half else torch.float32
        pretransform = pretransform.to(device, dtype).eval()
        denoiser = denoiser.to(device, dtype).eval()
        return cls(pretransform, denoiser, device=device)

    @torch.no_grad()
    def _encode_audio_input(self, audio_input):
        in_sr, audio = audio_input
        audio = prepare_audio(audio, in_sr, self.sample_rate, self.sample_size, 2, self.device)
        return self.pretransform.encode(audio)

    @torch.no_grad()
    def generate(self, steps=50, init_audio=None, init_noise_level=0.7):
        dtype = next(self.denoiser.parameters()).dtype
        latent_len = self.sample_size // 256
        x = torch.randn(1, 64, latent_len, device=self.device, dtype=dtype)
        if init_audio is not None:
            init = self._encode_audio_input(init_audio)
            x = init * (1 - init_noise_level) + x * init_noise_level
        for t in torch.linspace(init_noise_level if init_audio is not None else 1.0, 0.0, steps, device=self.device):
            x = x - self.denoiser(x, t) / steps
        return self.pretransform.decode(x).float().clamp(-1, 1)
