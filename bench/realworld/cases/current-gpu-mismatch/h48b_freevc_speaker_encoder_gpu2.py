# source: https://github.com/coqui-ai/TTS/issues/3985
# error: RuntimeError: Input and parameter tensors are not at the same device, found input tensor at cuda:0 and parameter tensor at cuda:2
# pattern: current-gpu-mismatch
# shape: class, helper
# bug-lines: 23, 40
# needs: torch, torchaudio, numpy
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
import torch.nn as nn
import torchaudio


class SpeakerEncoder(nn.Module):
    """GE2E-style d-vector encoder used to condition the voice converter."""

    def __init__(self, weights_path, device=None, n_mels=40, hidden=256):
        super().__init__()
        self.lstm = nn.LSTM(n_mels, hidden, num_layers=3, batch_first=True)
        self.linear = nn.Linear(hidden, hidden)
        self.n_mels = n_mels
        if device is None:
            device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.device = device
        self.load_state_dict(torch.load(weights_path, map_location="cpu"), strict=False)
        self.to(device)

    def forward(self, mels):
        _, (hidden, _) = self.lstm(mels)
        embeds = torch.relu(self.linear(hidden[-1]))
        return embeds / torch.norm(embeds, dim=1, keepdim=True)

    def embed_utterance(self, wav, partial_frames=160, step=80):
        wav = torch.as_tensor(wav, dtype=torch.float32)[None]
        mel = torchaudio.compliance.kaldi.fbank(wav, num_mel_bins=self.n_mels, sample_frequency=16000).numpy()
        starts = range(0, max(1, len(mel) - partial_frames + 1), step)
        partials = np.stack([np.pad(mel[s:s + partial_frames], ((0, max(0, s + partial_frames - len(mel))), (0, 0)))
                             for s in starts])
        with torch.no_grad():
            mels = torch.from_numpy(partials).to(self.device)
            embed = self(mels).mean(dim=0)
        return embed / embed.norm()


class VoiceConverter(nn.Module):
    def __init__(self, ckpt_dir, content_dim=1024, spk_dim=256, hidden=192):
        super().__init__()
        self.enc_spk = SpeakerEncoder(f"{ckpt_dir}/speaker_encoder.pt")
        self.content_proj = nn.Conv1d(content_dim, hidden, 1)
        self.spk_proj = nn.Linear(spk_dim, hidden)
        self.decoder = nn.Sequential(
            nn.ConvTranspose1d(hidden, hidden, 16, stride=8, padding=4), nn.LeakyReLU(0.1),
            nn.ConvTranspose1d(hidden, 1, 80, stride=40, padding=20), nn.Tanh())

    @torch.no_grad()
    def convert(self, content_feats, target_wav):
        g = self.enc_spk.embed_utterance(target_wav)
        h = self.content_proj(content_feats) + self.spk_proj(g)[None, :, None]
        return self.decoder(h).squeeze().cpu().numpy()


if __name__ == "__main__":
    # GPU 0 is busy with the TTS front-end, so the converter gets its own card
    vc = VoiceConverter("checkpoints/freevc24").to("cuda:2")
    target, sr = torchaudio.load("target_speaker.wav")
    content = torch.load("source_wavlm_feats.pt").to("cuda:2")   # (1, 1024, frames)
    out = vc.convert(content, target.mean(0).numpy())
    torchaudio.save("converted.wav", torch.from_numpy(out)[None], 16000)
