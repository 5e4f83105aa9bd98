# source: https://github.com/vsimkus/vae-voice-conversion/issues/3
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: legacy-type-cast
# shape: class, helper
# looks-like: legacy-type-cast
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torchaudio

QUANT_CHANNELS = 256


class WaveVAE(nn.Module):
    def __init__(self, n_speakers=109, latent_dim=64):
        super().__init__()
        self.token_emb = nn.Embedding(QUANT_CHANNELS, 128)
        self.encoder = nn.Sequential(nn.Conv1d(128, 256, 4, stride=2, padding=1), nn.ReLU(),
                                     nn.Conv1d(256, 2 * latent_dim, 4, stride=2, padding=1))
        self.speaker_emb = nn.Embedding(n_speakers, latent_dim)
        self.decoder = nn.Sequential(
            nn.ConvTranspose1d(latent_dim, 256, 4, stride=2, padding=1), nn.ReLU(),
            nn.ConvTranspose1d(256, QUANT_CHANNELS, 4, stride=2, padding=1))

    def forward(self, tokens, speaker):
        h = self.encoder(self.token_emb(tokens).transpose(1, 2))
        mu, logvar = h.chunk(2, dim=1)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        z = z + self.speaker_emb(speaker).unsqueeze(-1)
        return self.decoder(z), mu, logvar


class VAEExperimentBuilder:
    def __init__(self, model, device):
        self.device = device
        self.model = model.to(device)
        self.model.eval()

    @torch.no_grad()
    def convert(self, x, y):
        x = x.to(self.device)
        y = y.to(self.device)
        logits, _, _ = self.model(x, y)
        return torch.argmax(logits, dim=1)


def mulaw_tokens(waveform):
    encode = torchaudio.transforms.MuLawEncoding(QUANT_CHANNELS)
    return encode(waveform.clamp(-1.0, 1.0)).type(torch.LongTensor)


if __name__ == "__main__":
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model = WaveVAE()
    model.load_state_dict(torch.load("checkpoints/vae_vctk.pt", map_location="cpu"))
    builder = VAEExperimentBuilder(model, device)

    wav, sr = torchaudio.load("samples/p225_001.wav")
    wav = torchaudio.functional.resample(wav, sr, 16000)[:, :16000 * 4]
    target_speaker_id = torch.tensor([42]).type(torch.LongTensor)

    out_mulaw = builder.convert(x=mulaw_tokens(wav), y=target_speaker_id)
    decode = torchaudio.transforms.MuLawDecoding(QUANT_CHANNELS)
    torchaudio.save("samples/p225_001_to_p267.wav", decode(out_mulaw.cpu()).float(), 16000)
