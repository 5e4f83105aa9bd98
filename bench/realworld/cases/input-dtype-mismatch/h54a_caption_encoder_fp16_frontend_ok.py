# source: https://github.com/NVIDIA-NeMo/Speech/issues/5646
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: class, loader-loop, batch-dict
# looks-like: input-dtype-mismatch
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
"""Batch audio-caption inference: the mel front-end stays in fp32 (STFT in
half is unsupported / inaccurate), the transformer encoder runs in fp16."""
import torch
import torch.nn as nn
import torchaudio
from torch.utils.data import DataLoader


class CaptionEncoder(nn.Module):
    def __init__(self, n_mels=80, d_model=512, n_layers=6):
        super().__init__()
        self.subsample = nn.Sequential(
            nn.Conv1d(n_mels, d_model, 3, stride=2, padding=1), nn.GELU(),
            nn.Conv1d(d_model, d_model, 3, stride=2, padding=1), nn.GELU(),
        )
        layer = nn.TransformerEncoderLayer(d_model, 8, 4 * d_model, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)

    def forward(self, mel):
        return self.encoder(self.subsample(mel).transpose(1, 2))


class CaptionRunner:
    def __init__(self, encoder: CaptionEncoder, device):
        self.device = device
        self.frontend = torchaudio.transforms.MelSpectrogram(16000, n_fft=400, hop_length=160, n_mels=80).to(device)
        self.encoder = encoder.to(device).eval()
        if device.type == "cuda":
            self.encoder.half()
        self.enc_dtype = next(self.encoder.parameters()).dtype

    @torch.no_grad()
    def embed(self, batch):
        wav = batch["waveform"].to(self.device)           # float32
        mel = torch.log(self.frontend(wav) + 1e-6)        # float32 front-end
        return self.encoder(mel.to(self.enc_dtype)).float()


def run(dataset, weights):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    encoder = CaptionEncoder()
    encoder.load_state_dict(torch.load(weights, map_location="cpu"))
    runner = CaptionRunner(encoder, device)
    loader = DataLoader(dataset, batch_size=16, num_workers=4)
    outputs = []
    for batch in loader:
        outputs.append(runner.embed(batch).cpu())
    return torch.cat(outputs)
