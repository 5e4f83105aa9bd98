# source: https://github.com/facebookresearch/seamless_communication/issues/47
# error: RuntimeError: "LayerNormKernelImpl" not implemented for 'Half'
# pattern: half-on-cpu
# shape: class, helper
# bug-lines: 38, 47
# needs: torch, torchaudio
# cpu: no written where torch was not installed; not run
import argparse
import logging

import torch
import torch.nn as nn
import torchaudio

logger = logging.getLogger(__name__)


class SpeechToTextTranslator(nn.Module):
    def __init__(self, n_mels=80, d_model=512, n_layers=6, vocab_size=8000):
        super().__init__()
        self.frontend = nn.Conv1d(n_mels, d_model, kernel_size=3, stride=2, padding=1)
        layer = nn.TransformerEncoderLayer(d_model, nhead=8, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, n_layers)
        self.norm = nn.LayerNorm(d_model)
        self.proj = nn.Linear(d_model, vocab_size)

    def forward(self, feats):
        x = self.frontend(feats).transpose(1, 2)
        return self.proj(self.norm(self.encoder(x)))


class Translator:
    def __init__(self, checkpoint, device, dtype):
        self.device, self.dtype = device, dtype
        self.model = SpeechToTextTranslator()
        self.model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
        self.model.eval()
        self.model.to(device=device, dtype=dtype)
        self.fbank = torchaudio.transforms.MelSpectrogram(16000, n_fft=400, n_mels=80)

    @torch.no_grad()
    def predict(self, wav_path):
        wav, sr = torchaudio.load(wav_path)
        wav = torchaudio.functional.resample(wav, sr, 16000)
        feats = self.fbank(wav.mean(dim=0, keepdim=True)).clamp(min=1e-5).log()
        feats = feats.to(device=self.device, dtype=self.dtype)
        logits = self.model(feats)
        return logits.argmax(dim=-1).squeeze(0).tolist()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("--checkpoint", default="checkpoints/s2tt_large.pt")
    args = parser.parse_args()

    if torch.cuda.is_available():
        device = torch.device("cuda:0")
        logger.info("Running inference on the GPU.")
    else:
        device = torch.device("cpu")
        logger.info("Running inference on the CPU.")
    dtype = torch.float16

    translator = Translator(args.checkpoint, device, dtype)
    print(translator.predict(args.input))


if __name__ == "__main__":
    main()
